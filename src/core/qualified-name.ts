import { SluiceConfigError } from './errors.js';

/**
 * Splits a table name into its parts (`schema.table` → `['schema', 'table']`) by one SQL
 * dialect's quoting rules, so that a dot inside a quoted part does not split it. Each adapter
 * supplies its own: PostgreSQL's double quotes, SQL Server's brackets.
 */
export type NameParts = (name: string) => string[];

/**
 * `name` in `schema`, unless it is qualified already. Whether it is, the dialect's `nameParts`
 * tells: `"a.b"` (PostgreSQL) and `[a.b]` (SQL Server) are one part, so they go into `schema`.
 */
export function qualify(name: string, schema: string | undefined, nameParts: NameParts): string {
  return schema && nameParts(name).length === 1 ? `${schema}.${name}` : name;
}

/**
 * Splits a name into its parts on the dots outside quotes, unquoting the quoted parts; a doubled
 * closing quote inside them stands for one. A quote opens only at the start of a part: any other
 * is a character of the name. PostgreSQL quotes with `"…"`, SQL Server with `[…]`:
 * `splitQuotedName('loans."a.b"', '"', '"')` → `['loans', 'a.b']`.
 */
export function splitQuotedName(name: string, open: string, close: string): string[] {
  const parts: string[] = [];
  let buf = '';
  let start = true;
  let quoted = false;
  const done = () => {
    if (quoted ? buf === '' : buf.trim() === '') throw new SluiceConfigError(`"${name}" is not a valid table or column name`, 'table');
    parts.push(buf);
  };
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === open && start) {
      const end = closingQuote(name, i, close);
      buf += name.slice(i + 1, end).split(close + close).join(close);
      quoted = true;
      i = end;
    } else if (c === '.') {
      done();
      buf = '';
      quoted = false;
      start = true;
      continue;
    } else buf += c;
    start = false;
  }
  done();
  return parts;
}

function closingQuote(name: string, open: number, close: string): number {
  for (let i = open + 1; i < name.length; i++) {
    if (name[i] === close) {
      if (name[i + 1] === close) i++;
      else return i;
    }
  }
  throw new SluiceConfigError(`"${name}" has a ${name[open]} without its closing ${close}`, 'table');
}

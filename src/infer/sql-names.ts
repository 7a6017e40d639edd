/** The databases a mapping's names are made to suit. */
export type SqlDialect = 'sqlite' | 'postgres' | 'mssql';

/** Longest identifier each database keeps (PostgreSQL cuts at 63 bytes; SQL Server allows 128). */
const MAX_LENGTH: Record<SqlDialect, number> = { sqlite: 128, postgres: 63, mssql: 128 };

// Reserved in standard SQL and in at least one of the three databases: adapters quote every name,
// but a user querying the tables by hand should not have to.
const RESERVED = new Set(
  (
    'add all alter and any as asc authorization between both by case cast check collate column constraint create cross current_date ' +
    'current_time current_timestamp current_user default delete desc distinct drop else end except exists false fetch for foreign from full ' +
    'grant group having in index inner insert intersect into is join leading left like limit natural not null offset on or order outer ' +
    'primary references right select session_user some table then to trailing true union unique update user using values when where with'
  ).split(' '),
);
const RESERVED_MSSQL = new Set(
  'backup browse bulk close clustered compute contains convert current database deny disk dump errlvl escape exec execute exit file fillfactor function goto holdlock identity kill key lineno merge national nocheck nonclustered of off open option over percent pivot plan proc procedure public raiserror read reconfigure rule save schema set shutdown statistics top tran transaction trigger truncate unpivot view waitfor while'.split(' '),
);

/** Letters NFKD does not split into a base letter and an accent. */
const LETTERS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', þ: 'th', Æ: 'Ae', Œ: 'Oe', Ø: 'O', Ł: 'L', Đ: 'D', Þ: 'Th' };

/**
 * A portable SQL name for an XML name: snake_case (`LastName` → `last_name`, `HTTPCode` →
 * `http_code`), ASCII letters, digits and `_` only (accents dropped), not starting with a digit,
 * not a reserved word (a `_` is appended), within the dialect's length limit.
 */
export function sqlName(raw: string, dialect: SqlDialect): string {
  let s = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæœøłđþÆŒØŁĐÞ]/g, (c) => LETTERS[c] ?? '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (s === '') s = 'col';
  if (/^[0-9]/.test(s)) s = `n${s}`;
  if (RESERVED.has(s) || (dialect === 'mssql' && RESERVED_MSSQL.has(s))) s = `${s}_`;
  return s.slice(0, MAX_LENGTH[dialect]);
}

/** Names already taken in one scope (a table's columns, a mapping's tables); case-insensitive, as SQL Server compares them. */
export class NameScope {
  private readonly taken = new Set<string>();

  constructor(
    private readonly dialect: SqlDialect,
    reserved: readonly string[] = [],
  ) {
    for (const r of reserved) this.taken.add(r.toLowerCase());
  }

  has(name: string): boolean {
    return this.taken.has(name.toLowerCase());
  }

  /** `name`, or `name_2`, `name_3`, ... (cut to fit the length limit), whichever is free; it is then taken. */
  claim(name: string): string {
    let candidate = name;
    for (let n = 2; this.has(candidate); n++) {
      const suffix = `_${n}`;
      candidate = `${name.slice(0, MAX_LENGTH[this.dialect] - suffix.length)}${suffix}`;
    }
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}

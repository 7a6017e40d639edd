// The program a user writes instead of Sluice: read, parse into a minimal tree, map by hand,
// insert with prepared statements, 1,000 records a transaction, a log entry each. The speed
// targets are judged against it. Each shape adds its own map function (map-elements.ts, map-attributes.ts).
import Database from 'better-sqlite3';
import { SaxesParser } from 'saxes';

export interface Node { readonly name: string; readonly attrs: Record<string, string>; text: string; readonly kids: Node[] }
/** A row: its table and its values in column order. */
export type Row = [table: string, values: unknown[]];
export type MapFn = (root: Node, key: number) => Row[];

export function parse(xml: string): Node {
  const parser = new SaxesParser();
  const stack: Node[] = [];
  let root: Node | undefined;
  parser.on('opentag', (t) => {
    const node: Node = { name: t.name.slice(t.name.indexOf(':') + 1), attrs: t.attributes, text: '', kids: [] };
    if (stack.length) stack[stack.length - 1]!.kids.push(node);
    else root = node;
    stack.push(node);
  });
  const text = (s: string) => { if (stack.length) stack[stack.length - 1]!.text += s; };
  parser.on('closetag', () => stack.pop());
  parser.on('text', text);
  parser.on('cdata', text);
  parser.write(xml).close();
  return root!;
}

export const kids = (n: Node | undefined, name: string): Node[] => n?.kids.filter((k) => k.name === name) ?? [];
export function at(n: Node | undefined, path: string): Node | undefined {
  for (const step of path.split('/')) n = n?.kids.find((k) => k.name === step);
  return n;
}
export const val = (n: Node | undefined, path: string): string | undefined => at(n, path)?.text;

function bad(column: string, v: string | undefined, what: string): never {
  throw new Error(`${column}: ${v === undefined ? 'missing' : JSON.stringify(v)} is not ${what}`);
}
export const str = (v: string | undefined, c: string): string => v ?? bad(c, v, 'text');
export const int = (v: string | undefined, c: string): number => (v !== undefined && /^-?\d+$/.test(v) ? Number(v) : bad(c, v, 'an integer'));
export const dec = (v: string | undefined, c: string): string => (v !== undefined && /^-?\d+(\.\d{1,2})?$/.test(v) ? v : bad(c, v, 'a decimal'));
export const bool = (v: string | undefined, c: string): number => (v === 'true' || v === 'Y' ? 1 : v === 'false' || v === 'N' ? 0 : bad(c, v, 'a boolean'));
export function date(v: string | undefined, c: string): string {
  const d = v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : undefined;
  return d && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v!) ? v! : bad(c, v, 'a date');
}
/** A nullable column: absent is NULL, present is converted. */
export const opt = <T>(v: string | undefined, c: string, f: (v: string, c: string) => T): T | null => (v === undefined ? null : f(v, c));

const TABLES: Record<string, string> = {
  app_base: 'app_id INTEGER NOT NULL PRIMARY KEY, application_date TEXT NOT NULL, product_type TEXT NOT NULL, requested_amount TEXT NOT NULL, term_months INTEGER NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL, birth_date TEXT NOT NULL, ssn_last4 TEXT NOT NULL, email TEXT, annual_income TEXT NOT NULL, is_joint INTEGER NOT NULL',
  app_contact: 'app_id INTEGER NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, phone TEXT NOT NULL, email TEXT, preferred INTEGER NOT NULL, PRIMARY KEY (app_id, seq)',
  app_address: 'app_id INTEGER NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, line1 TEXT NOT NULL, line2 TEXT, city TEXT NOT NULL, state TEXT NOT NULL, postal_code TEXT NOT NULL, country TEXT NOT NULL, years_at_address INTEGER, PRIMARY KEY (app_id, seq)',
  app_employment: 'app_id INTEGER NOT NULL, seq INTEGER NOT NULL, employer TEXT NOT NULL, title TEXT, start_date TEXT NOT NULL, end_date TEXT, monthly_income TEXT, is_current INTEGER NOT NULL, PRIMARY KEY (app_id, seq)',
  app_tradeline: 'app_id INTEGER NOT NULL, seq INTEGER NOT NULL, creditor TEXT NOT NULL, account_type TEXT NOT NULL, opened_date TEXT NOT NULL, balance TEXT NOT NULL, credit_limit TEXT, payment_status TEXT NOT NULL, months_reviewed INTEGER NOT NULL, PRIMARY KEY (app_id, seq)',
  processing_log: 'key INTEGER NOT NULL PRIMARY KEY, status TEXT NOT NULL, error TEXT, finished_at TEXT NOT NULL',
};

/**
 * WAL mode, for two loops writing one file at once. Switching a file to WAL takes it exclusively
 * and SQLite's busy handler does not wait for that, so the second process retries for a moment.
 */
function walMode(db: Database.Database): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt === 100) throw error;
      Atomics.wait(pause, 0, 0, 20);
    }
  }
}

/** Loads `records` documents of `source`'s app_xml (those with app_id % count = index) into `sink`; calls `committed` after each transaction. */
export function loop(source: string, sink: string, records: number, map: MapFn, committed: (done: number, failed: number) => void, [index, count] = [0, 1]): void {
  const src = new Database(source, { readonly: true });
  const db = new Database(sink);
  walMode(db);
  db.pragma('synchronous = NORMAL');
  const insert: Record<string, Database.Statement> = {};
  for (const [table, columns] of Object.entries(TABLES)) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (${columns})`);
    const n = columns.replace(/, PRIMARY KEY \(.*\)$/, '').split(',').length;
    insert[table] = db.prepare(`INSERT INTO ${table} VALUES (${'?, '.repeat(n - 1)}?)`);
  }
  const page = src.prepare('SELECT app_id, xml FROM app_xml WHERE app_id > ? AND app_id % ? = ? ORDER BY app_id LIMIT ?');
  const commit = db.transaction((docs: { app_id: number; xml: string }[]) => {
    let failed = 0;
    for (const { app_id: key, xml } of docs) {
      let rows: Row[];
      try {
        rows = map(parse(xml), key);
      } catch (e) {
        insert.processing_log!.run(key, 'failed', `record ${key}: ${(e as Error).message}`, new Date().toISOString());
        failed++;
        continue;
      }
      for (const [table, values] of rows) insert[table]!.run(values);
      insert.processing_log!.run(key, 'succeeded', null, new Date().toISOString());
    }
    return failed;
  });
  let done = 0;
  let failed = 0;
  for (let last = 0; done < records; ) {
    const docs = page.all(last, count, index, Math.min(1000, records - done)) as { app_id: number; xml: string }[];
    if (docs.length === 0) break;
    failed += commit(docs);
    done += docs.length;
    last = docs[docs.length - 1]!.app_id;
    committed(done, failed);
  }
  for (const d of [src, db]) d.close();
}

import mssql from 'mssql';
import type { MssqlBulkOptions, MssqlConfig, MssqlDriver } from '../../src/adapters/mssql/index.js';

/** What the adapter asked of the driver. */
export type FakeOp = 'connect' | 'close' | 'begin' | 'commit' | 'rollback' | 'query' | 'bulk';

/** One call, as the fake recorded it. `on` is 'pool' or the number of the transaction (1, 2, ...). */
export interface FakeCall {
  readonly op: FakeOp;
  readonly on: 'pool' | number;
  readonly sql?: string;
  readonly inputs?: Readonly<Record<string, { readonly type: unknown; readonly value: unknown }>>;
  /** The real `mssql.Table` handed to `bulk`. */
  readonly table?: mssql.Table;
  readonly options?: MssqlBulkOptions;
}

/** A scripted answer: rows of the last result set and/or rows affected. Throw to fail the call. */
export interface FakeReply {
  readonly recordset?: Record<string, unknown>[];
  readonly rowsAffected?: number[];
}

type Matcher = RegExp | FakeOp | ((call: FakeCall) => boolean);

/**
 * The part of the mssql interface the adapter calls (ConnectionPool.connect/close,
 * Transaction.begin/commit/rollback, Request.input/query/bulk), recording every call and
 * answering from a script; everything else (Table, types, errors) is the real mssql module.
 * It does not interpret SQL: a query gets the reply of the first rule it matches, or nothing.
 */
export function fakeMssql() {
  const calls: FakeCall[] = [];
  const configs: MssqlConfig[] = [];
  const rules: { match: (c: FakeCall) => boolean; reply: (c: FakeCall) => FakeReply | void }[] = [];
  let transactions = 0;

  const answer = (call: FakeCall): FakeReply => {
    calls.push(call);
    for (const r of rules) if (r.match(call)) return r.reply(call) ?? {};
    return {};
  };

  class ConnectionPool {
    constructor(config: MssqlConfig) {
      configs.push(config);
    }
    async connect() {
      answer({ op: 'connect', on: 'pool' });
      return this;
    }
    async close() {
      answer({ op: 'close', on: 'pool' });
    }
    on() {
      return this;
    }
  }

  class Transaction {
    readonly id = ++transactions;
    async begin() {
      answer({ op: 'begin', on: this.id });
      return this;
    }
    async commit() {
      answer({ op: 'commit', on: this.id });
    }
    async rollback() {
      answer({ op: 'rollback', on: this.id });
    }
  }

  class Request {
    private readonly inputs: Record<string, { type: unknown; value: unknown }> = {};
    private readonly on: 'pool' | number;
    constructor(parent: ConnectionPool | Transaction) {
      this.on = parent instanceof Transaction ? parent.id : 'pool';
    }
    input(name: string, type: unknown, value: unknown) {
      this.inputs[name] = { type, value };
      return this;
    }
    async query(sql: string) {
      const r = answer({ op: 'query', on: this.on, sql, inputs: { ...this.inputs } });
      return { recordset: r.recordset ?? [], rowsAffected: r.rowsAffected ?? [0] };
    }
    async bulk(table: mssql.Table, options?: MssqlBulkOptions) {
      answer({ op: 'bulk', on: this.on, table, ...(options && { options }) });
      return { rowsAffected: table.rows.length };
    }
  }

  const driver = { ...mssql, ConnectionPool, Transaction, Request } as unknown as MssqlDriver;

  return {
    driver,
    calls,
    /** Configs handed to `new ConnectionPool(config)`. */
    configs,
    /** Answers calls that match (a regex on the SQL, an op, or a predicate) with `reply`. First rule wins. */
    when(match: Matcher, reply: (call: FakeCall) => FakeReply | void) {
      const test =
        match instanceof RegExp ? (c: FakeCall) => c.op === 'query' && match.test(c.sql ?? '') : typeof match === 'string' ? (c: FakeCall) => c.op === match : match;
      rules.push({ match: test, reply });
      return this;
    },
    /** Column types for `sys.columns` look-ups: `{ 'dbo.app_xml.app_id': 'int' }` (nvarchar lengths in bytes: 'nvarchar:100'). */
    columns(types: Record<string, string>) {
      return this.when(/FROM sys\.columns/, (c) => {
        const table = String(c.inputs?.table?.value).replace(/[[\]]/g, '');
        const hit = types[`${table}.${String(c.inputs?.column?.value)}`];
        if (!hit) return { recordset: [] };
        const [type, len] = hit.split(':');
        return { recordset: [{ type, max_length: len === undefined ? 8 : Number(len) }] };
      });
    },
    /** The calls as short strings: `begin#1`, `query#1`, `bulk#1 [sandbox].[person]`, `commit#1`. */
    trace(filter: (c: FakeCall) => boolean = () => true): string[] {
      return calls.filter(filter).map((c) => `${c.op}#${c.on}${c.table ? ` ${c.table.path}` : ''}`);
    },
    /** The queries run, in order. */
    queries(): FakeCall[] {
      return calls.filter((c) => c.op === 'query');
    },
  };
}

export type FakeMssql = ReturnType<typeof fakeMssql>;

/** The log entries a log write was given (the `@entries` JSON). */
export function logEntries(call: FakeCall): { k: number | string; s: string; a: number; e: string | null; t0: string; t1: string }[] {
  return JSON.parse(String(call.inputs?.entries?.value)) as never;
}

/**
 * Answers the sink's log write as the server would report the keys it wrote: all of them, or
 * those `written` keeps (the others committed by another process). BIGINT keys come back as strings.
 */
export function answerLogWrites(fake: FakeMssql, written: (key: number | string) => boolean = () => true): FakeMssql {
  return fake.when(/INSERT INTO \S*\[processing_log\]/, (c) => ({ recordset: logEntries(c).filter((e) => written(e.k)).map((e) => ({ key: String(e.k) })) }));
}

/** Rows of a bulk call's table. */
export const bulkRows = (c: FakeCall) => c.table!.rows.map((r) => [...r]);

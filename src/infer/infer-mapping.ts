import type { ColumnDef } from '../mapper/column.js';
import type { MappingSpec } from '../mapper/define-mapping.js';
import type { RecordKey } from '../core/record.js';
import type { Source } from '../source/source.js';
import { parseXml, type ParseLimits } from '../xml/index.js';
import { ColumnGuess } from './column-guess.js';
import type { PathReport } from './path-report.js';
import { SampleShape } from './sample-shape.js';
import { shapeToMapping } from './shape-to-mapping.js';
import type { SqlDialect } from './sql-names.js';

/** Options of `inferMapping`. */
export interface InferOptions {
  /** Where the sample records come from: any source. */
  readonly source: Source;
  /** Records to read, from the start of the source. @default 1000 */
  readonly sample?: number;
  /** Name of the record-key column every table gets. @default 'record_key' */
  readonly keyColumn?: string;
  /** The database the table and column names must suit (length limit, reserved words). @default 'postgres' */
  readonly dialect?: SqlDialect;
  /** Table names the mapping must not use (the checkpoint log's, the queue's). @default ['processing_log', 'sluice_queue'] */
  readonly reservedTables?: readonly string[];
  /** Parse limits for the samples. */
  readonly parse?: Partial<ParseLimits>;
}

/** A proposed mapping and what it was made from. */
export interface InferResult {
  /** The mapping: every table with `keyColumn`, `primaryKey` and typed columns. */
  readonly mapping: MappingSpec;
  /** Per path: how often present, most repeats, value kinds, what it maps to, conflicts. */
  readonly paths: readonly PathReport[];
  /** Records read. */
  readonly sampled: number;
  /** Sample records that could not be parsed, with the reason; they were left out. */
  readonly unreadable: readonly { readonly key: RecordKey; readonly error: string }[];
}

/** Defaults of `inferMapping`. */
export const INFER_DEFAULTS = { sample: 1000, keyColumn: 'record_key', dialect: 'postgres', reservedTables: ['processing_log', 'sluice_queue'] } as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Proposes a declarative mapping from sample records: a table for the root element, a child
 * table for every element that repeats in any sample (with the record key, its parent row's
 * position and its own), typed columns for attributes and elements with values (integer,
 * bigint, decimal(p,s), date, timestamp, boolean, text(n)), nullable where some sample lacks
 * them. Review it (the `paths` report says what was seen), then run it as it is.
 *
 * @example
 * ```ts
 * import { fromDirectory, inferMapping, pipeline, sqliteSink } from 'sluice';
 *
 * const { mapping, paths } = await inferMapping({ source: fromDirectory('./inbox'), sample: 200 });
 * for (const p of paths) if (p.notes.length) console.warn(p.path, p.notes);
 * await pipeline({ source: fromDirectory('./inbox'), sink: sqliteSink({ file: 'out.db' }), mapper: mapping }).run();
 * ```
 */
export async function inferMapping(options: InferOptions): Promise<InferResult> {
  const sample = options.sample ?? INFER_DEFAULTS.sample;
  if (!Number.isSafeInteger(sample) || sample < 1) throw new RangeError(`sample must be an integer ≥ 1; got ${String(sample)}`);
  const shape = new SampleShape();
  const keys = new ColumnGuess();
  let numericKeys = true;
  let sampled = 0;
  const unreadable: { key: RecordKey; error: string }[] = [];
  try {
    for await (const page of options.source.pages({ pageSize: Math.min(sample, 500), partition: {}, limit: sample })) {
      for (const record of page) {
        if (sampled >= sample) break;
        sampled++;
        keys.add(String(record.key));
        if (typeof record.key !== 'number') numericKeys = false;
        try {
          const xml = typeof record.payload === 'string' ? record.payload : utf8.decode(record.payload);
          shape.add(parseXml(xml, options.parse).root);
        } catch (error) {
          unreadable.push({ key: record.key, error: `${(error as Error).name}: ${(error as Error).message}` });
        }
      }
      if (sampled >= sample) break;
    }
  } finally {
    await options.source.close();
  }
  if (shape.documents === 0) {
    const why = unreadable[0] ? `; the first failed with ${unreadable[0].error}` : '';
    throw new RangeError(`no sample record could be read from ${options.source.name} (${sampled} read${why}); check the source`);
  }
  const { mapping, paths } = shapeToMapping(shape.shape(), {
    dialect: options.dialect ?? INFER_DEFAULTS.dialect,
    keyColumn: options.keyColumn ?? INFER_DEFAULTS.keyColumn,
    keyDef: keyDef(keys, numericKeys),
    reservedTables: options.reservedTables ?? INFER_DEFAULTS.reservedTables,
  });
  return { mapping, paths, sampled, unreadable };
}

/** integer or bigint for numeric keys, else text sized to the keys seen (at most 450: SQL Server's key limit). */
function keyDef(keys: ColumnGuess, numeric: boolean): ColumnDef {
  const g = keys.guess().def;
  if (numeric && (g.type === 'integer' || g.type === 'bigint')) return { type: g.type, nullable: false };
  const maxLength = g.type === 'text' && g.maxLength !== undefined && g.maxLength <= 450 ? g.maxLength : 450;
  return { type: 'text', nullable: false, maxLength };
}

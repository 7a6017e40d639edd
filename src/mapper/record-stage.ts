import type { RecordKey } from '../core/record.js';
import type { XmlDocument } from '../xml/index.js';
import type { CellInput, Mapper, MapContext } from './mapper.js';

/** What a record stage gets besides the document or the row. */
export interface RecordStageContext {
  readonly key: RecordKey;
  /** Ends the record as `skipped`, with this reason in the log; its rows are dropped. */
  skip(reason: string): never;
}

/** A row as a mapper emitted it (before conversion to the column types). */
export type EmittedRow = Readonly<Record<string, CellInput>>;

/**
 * A synchronous record stage that runs in the workers beside the mapper: `filter` sees each
 * document before the mapper, `row` each row the mapper emits. Runs in every worker thread, so
 * it must be a module of its own (a path in `recordStages`), like the mapper.
 */
export interface RecordStage {
  /** Named in the errors it causes. */
  readonly name: string;
  /** Before the mapper: return a reason to skip the record (it is logged skipped with it), or nothing to keep it. */
  filter?: (doc: XmlDocument, ctx: RecordStageContext) => string | undefined | void;
  /** Each emitted row: return the row to write (changed or not), or null to leave this row out. */
  row?: (table: string, row: EmittedRow, ctx: RecordStageContext) => EmittedRow | null;
}

/**
 * Declares a record stage. Make it the default export of a module and list the module's path in
 * the flow's `recordStages` (or `pipeline({ recordStages })`): it is loaded in each worker.
 *
 * @example
 * ```ts
 * // drop-test-apps.ts
 * import { defineRecordStage } from 'sluice/mapper';
 *
 * export default defineRecordStage({
 *   name: 'drop-test-apps',
 *   filter: (doc) => (doc.root.attr('test') === 'true' ? 'a test application' : undefined),
 *   row: (table, row) => (table === 'app_contact' ? { ...row, email: String(row.email ?? '').toLowerCase() } : row),
 * });
 * ```
 */
export function defineRecordStage(stage: RecordStage): RecordStage {
  return stage;
}

/** True for what `defineRecordStage` returns. */
export function isRecordStage(x: unknown): x is RecordStage {
  const s = x as RecordStage | null;
  return typeof s === 'object' && s !== null && typeof s.name === 'string' && (typeof s.filter === 'function' || typeof s.row === 'function');
}

/** A failure inside a record stage, naming it; the record fails, the run goes on. */
export class SluiceStageError extends Error {
  override name = 'SluiceStageError';
  constructor(
    readonly stage: string,
    cause: unknown,
  ) {
    super(`record stage "${stage}" threw: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/** The mapper with the stages around it: filters before `map`, row stages on each `emit`. */
export function withRecordStages(mapper: Mapper, stages: readonly RecordStage[]): Mapper {
  if (stages.length === 0) return mapper;
  const filters = stages.filter((s) => s.filter);
  const rowStages = stages.filter((s) => s.row);
  return {
    tables: mapper.tables,
    map(doc, ctx) {
      const stageCtx: RecordStageContext = {
        key: ctx.key,
        skip: (reason) => {
          ctx.skip(reason);
          throw new Error('unreachable: skip throws');
        },
      };
      for (const s of filters) {
        const reason = guard(s, () => s.filter!(doc, stageCtx));
        if (typeof reason === 'string') ctx.skip(reason);
      }
      if (rowStages.length === 0) return mapper.map(doc, ctx);
      const staged: MapContext = {
        key: ctx.key,
        skip: (reason) => ctx.skip(reason),
        emit(table, row) {
          let r: EmittedRow | null = row;
          for (const s of rowStages) {
            const current: EmittedRow = r;
            r = guard(s, () => s.row!(table, current, stageCtx));
            if (r === null) return;
          }
          ctx.emit(table, r);
        },
      };
      mapper.map(doc, staged);
    },
  };
}

/** Runs a stage's hook; its errors fail the record naming the stage (a skip passes through). */
function guard<T>(stage: RecordStage, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if ((error as Error)?.name === 'SkipSignal') throw error;
    throw new SluiceStageError(stage.name, error);
  }
}

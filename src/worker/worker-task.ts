import type { RecordKey } from '../core/record.js';
import type { ParseLimits } from '../xml/index.js';
import type { MapperRef } from './load-mapper.js';

/** What the main thread sends a worker: a batch of records, as two parallel arrays. */
export interface WorkerTask {
  /**
   * The mapper to use; absent: the one every thread of the pool preloaded as it started
   * (`WorkerPoolOptions.preload`), so that a declarative mapping (kilobytes of spec) is not copied
   * to a worker with every task nor keyed again in it.
   */
  readonly mapper?: MapperRef;
  readonly keys: RecordKey[];
  /** Text, or UTF-8 bytes the worker decodes. */
  readonly payloads: (string | Uint8Array)[];
  readonly limits: Partial<ParseLimits>;
}

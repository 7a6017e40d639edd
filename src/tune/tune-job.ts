import type { TuneSettings } from './tune-settings.js';

/** Where a tune run writes: a fresh SQLite file, or a fresh schema in a PostgreSQL database. */
export type ScratchSink =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string };

/** How a tune run maps: a mapper module or a declarative mapping file (each read in the load process). */
export type TuneMapper = { readonly module: string } | { readonly mappingFile: string };

/** One measured load of `sluice tune`, sent to its own process (tune-child.ts). */
export interface TuneJob {
  /** For progress lines and errors, e.g. `batch-size=250`. */
  readonly label: string;
  /** The SQLite file holding the sample (copy-sample.ts). */
  readonly sampleFile: string;
  readonly sink: ScratchSink;
  readonly mapper: TuneMapper;
  readonly settings: TuneSettings;
}

/** What one tune run measured. */
export interface TuneResult {
  readonly label: string;
  readonly settings: TuneSettings;
  readonly records: number;
  readonly succeeded: number;
  readonly failed: number;
  /** From before the worker pool starts to the sink closed: what a user's run of this size takes. */
  readonly wallMillis: number;
  readonly recordsPerSecond: number;
  /** Peak resident set size of the load process (main thread and workers), MB. */
  readonly peakRssMb: number;
  readonly firstCommitMillis: number | null;
}

import type { InstanceStatus } from './instance-status.js';
import type { QueueStatus } from './queue-status.js';
import type { VersionCount } from './version-count.js';

/** Everything `sluice status` shows for a server database. Tables that do not exist yet give empty lists and zero counts. */
export interface LoadStatus {
  readonly database: string;
  readonly log: { readonly succeeded: number; readonly failed: number; readonly skipped: number };
  readonly instances: readonly InstanceStatus[];
  /** Succeeded records per mapping version, most first. */
  readonly versions: readonly VersionCount[];
  readonly queues: readonly QueueStatus[];
}

/** Which tables a status reads; every server adapter's status options extend this. */
export interface StatusTableOptions {
  /** Schema of unqualified table names. */
  readonly schema?: string;
  /** @default 'processing_log' */
  readonly logTable?: string;
  /** @default 'sluice_queue' */
  readonly queueTable?: string;
  /** Only this queue. @default every queue */
  readonly queue?: string;
}

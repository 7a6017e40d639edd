import type { ClaimQueueSourceOptions } from '../checkpoint/claim-spec.js';
import type { SourceFlags } from './endpoints.js';
import type { PostgresRunFlags } from './postgres-endpoint.js';

/** The claim-queue source options that `sluice run --queue …` gives, whichever database holds the queue. */
export function queueSourceFlags(f: PostgresRunFlags & SourceFlags & { readonly queue: string }, queueTable: string): ClaimQueueSourceOptions {
  return {
    queue: f.queue,
    queueTable,
    table: f.table,
    keyColumn: f.key,
    payloadColumn: f.payload,
    ...(f.leaseMillis !== undefined && { leaseMillis: f.leaseMillis }),
    ...(f.maxAttempts !== undefined && { maxAttempts: f.maxAttempts }),
  };
}

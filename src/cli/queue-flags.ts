import type { Command } from 'commander';
import type { ClaimQueueSourceOptions } from '../checkpoint/claim-spec.js';
import type { TableSourceFlags } from './endpoints.js';
import type { PostgresRunFlags } from './postgres-endpoint.js';

/** The claim-queue source options that `sluice run --queue …` gives, whichever database holds the queue. */
export function queueSourceFlags(f: PostgresRunFlags & TableSourceFlags & { readonly queue: string }, queueTable: string): ClaimQueueSourceOptions {
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

/** `--log-table` and `--queue-table`, for the commands that read or create them (status, init). */
export function addStateTableFlags(cmd: Command): Command {
  return cmd.option('--log-table <name>', 'checkpoint table', 'processing_log').option('--queue-table <name>', 'claim queue work table', 'sluice_queue');
}

/** The columns of the checkpoint table, the same in every adapter. */
export const PROCESSING_LOG_COLUMNS = [
  'key',
  'status',
  'attempts',
  'error',
  'instance_id',
  'instance_count',
  'run_id',
  'started_at',
  'finished_at',
  'mapping_version',
] as const;

/** Default name of the checkpoint table. */
export const DEFAULT_LOG_TABLE = 'processing_log';

/** Longest error text stored in the log; longer ones are cut with an ellipsis. */
export const MAX_ERROR_LENGTH = 2000;

/** Shortens an error for the log. */
export function clipError(message: string | null): string | null {
  if (message === null || message.length <= MAX_ERROR_LENGTH) return message;
  return `${message.slice(0, MAX_ERROR_LENGTH - 1)}…`;
}

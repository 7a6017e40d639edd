/** A wrong or missing flag, a missing file: the CLI prints the message on one line and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit codes of the CLI. */
export const EXIT = {
  ok: 0,
  /** The run stopped: failure limit, fatal database error. */
  failed: 1,
  usage: 2,
  sigint: 130,
  sigterm: 143,
} as const;

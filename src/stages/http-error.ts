/** An HTTP response that was not OK, with what a retry needs: the status and the wait the server asked for. */
export class SluiceHttpError extends Error {
  override name = 'SluiceHttpError';
  constructor(
    message: string,
    readonly status: number,
    /** From the Retry-After header (seconds or an HTTP date), in milliseconds; undefined if absent. */
    readonly retryAfterMillis: number | undefined,
  ) {
    super(message);
  }

  /**
   * The error for a response that is not OK (the URL's query string is left out: it may hold a key).
   *
   * @example
   * ```ts
   * const res = await fetch(url, { signal });
   * if (!res.ok) throw SluiceHttpError.from(res);
   * ```
   */
  static from(response: { readonly status: number; readonly statusText?: string; readonly url?: string; readonly headers: { get(name: string): string | null } }): SluiceHttpError {
    const where = response.url ? ` from ${response.url.split('?')[0]}` : '';
    return new SluiceHttpError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${where}`, response.status, retryAfterMillis(response.headers.get('retry-after')));
  }
}

/** A call that outlasted its `timeoutMillis`. */
export class SluiceTimeoutError extends Error {
  override name = 'SluiceTimeoutError';
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMillis(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * How an enrichment call's failure is treated: `transient` (HTTP 408, 429 and 5xx, timeouts, a
 * dropped connection) is retried; anything else fails the record at once.
 */
export function classifyCallError(error: unknown): 'transient' | 'record' {
  if (error instanceof SluiceHttpError) return error.status === 408 || error.status === 429 || error.status >= 500 ? 'transient' : 'record';
  if (error instanceof SluiceTimeoutError) return 'transient';
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' && NETWORK.has(code) ? 'transient' : 'record';
}

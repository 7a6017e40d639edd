import { SluiceStateError } from './errors.js';

/**
 * The one use-after-close guard of the adapters: `resource` (a pool handle, a transaction, a
 * database) if the component holding it is open, else a SluiceStateError naming the component
 * and the method called.
 *
 * @example
 * ```ts
 * const db = ensureOpen(this.db, this.name, 'write'); // sqlite:loans.db: write() before open() or after close()
 * ```
 */
export function ensureOpen<T>(resource: T | undefined, component: string, method: string): T {
  if (resource === undefined) throw new SluiceStateError(component, method);
  return resource;
}

import { createHash } from 'node:crypto';

/**
 * The partition hash of a text key: the first 4 bytes of the SHA-256 digest of the key's UTF-8
 * bytes, read as a big-endian unsigned 32-bit integer. A modulo partition keeps a text key when
 * `textKeyHash(key) % count === index`.
 *
 * The same number is computed in SQL by every table source, so a partition is pushed down to the
 * database and agrees with this function: PostgreSQL (`sha256`, 11+), SQL Server (`HASHBYTES
 * ('SHA2_256')` over the key converted to UTF-8, 2019+) and SQLite (this function, registered on
 * the connection as `sluice_key_hash`). SHA-256 rather than MD5: SQL Server documents MD5 in
 * HASHBYTES as deprecated, and PostgreSQL refuses md5() on servers built for FIPS mode.
 *
 * @example
 * ```ts
 * textKeyHash('INV-2024-001') % 3 // the instance (0, 1 or 2) that owns this key under modulo(i, 3)
 * ```
 */
export function textKeyHash(key: string): number {
  return createHash('sha256').update(key, 'utf8').digest().readUInt32BE(0);
}

/** Succeeded records of one mapping version (`processing_log.mapping_version`; null for entries written before versions were recorded). */
export interface VersionCount {
  readonly mappingVersion: string | null;
  readonly succeeded: number;
}

/** Succeeded records loaded by another mapping version than `current`: what `reprocess: 'stale'` would take again. */
export function staleCount(versions: readonly VersionCount[], current: string): number {
  return versions.reduce((n, v) => (v.mappingVersion === current ? n : n + v.succeeded), 0);
}

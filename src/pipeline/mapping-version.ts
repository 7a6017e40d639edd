import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { MappingSpec } from '../mapper/define-mapping.js';

/** What a run's rows are made by: the mapper (a module path or a declarative mapping) and its record stages. */
export interface MappingVersionInput {
  /** A mapper module's absolute path, or a declarative mapping. */
  readonly mapper: string | MappingSpec;
  /** Absolute paths of the record stages that run beside the mapper. @default none */
  readonly recordStages?: readonly string[];
}

/** Defaults the mapping file's schema fills in: a mapping with and without them is the same mapping. */
const COLUMN_DEFAULTS = { nullable: false, emptyAsNull: false } as const;

/**
 * A mapping as text that only what decides the rows changes: tables and columns in their order
 * (the order of the DDL), each table's and column's settings by name, defaults filled in, and
 * nothing else (not `$schema`, which only tells an editor where the schema is).
 */
function canonical(spec: MappingSpec): string {
  const sortedObject = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const tables = Object.entries(spec.tables).map(([name, t]) => {
    const { columns, ...settings } = t;
    return [name, sortedObject(settings), Object.entries(columns).map(([c, def]) => [c, sortedObject({ ...COLUMN_DEFAULTS, ...def })])];
  });
  return JSON.stringify(tables);
}

/**
 * The version of a mapping that `processing_log.mapping_version` records on every commit: 16 hex
 * digits of a SHA-256 over what decides the rows. A declarative mapping is hashed as data (its
 * tables and columns in order, their settings by name, defaults filled in), so comments, layout,
 * the order of a column's keys, and YAML or JSON make no difference; a mapper module by its file's bytes; record stages by theirs. A module that
 * imports helpers changes version only when its own file changes: pass `mappingVersion` to the
 * pipeline (a release tag, a commit) when that is not enough.
 *
 * @example
 * ```ts
 * import { loadMappingFile, mappingVersion } from 'sluice';
 *
 * const version = mappingVersion({ mapper: loadMappingFile('./mapping.yaml') }); // e.g. '3f9a0c4e7d21b85a'
 * ```
 */
export function mappingVersion(input: MappingVersionInput): string {
  const hash = createHash('sha256');
  if (typeof input.mapper === 'string') hash.update('module\0').update(readFileSync(input.mapper));
  else hash.update('mapping\0').update(canonical(input.mapper));
  for (const stage of input.recordStages ?? []) hash.update('\0stage\0').update(readFileSync(stage));
  return hash.digest('hex').slice(0, 16);
}

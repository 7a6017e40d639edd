import { yamlLibrary } from '../core/lazy-require.js';
import type { MappingSpec } from '../mapper/define-mapping.js';

/**
 * A mapping as the YAML of a `--mapping` file, with a header saying where it came from.
 * Keys keep their order: tables as created, columns as in the table.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { inferMapping, fromDirectory, mappingToYaml } from 'sluice';
 *
 * const { mapping } = await inferMapping({ source: fromDirectory('./inbox') });
 * writeFileSync('mapping.yaml', mappingToYaml(mapping, 'inferred from ./inbox'));
 * ```
 */
export function mappingToYaml(mapping: MappingSpec, origin?: string): string {
  const header = [
    '# A Sluice mapping: tables, where their rows come from (`from`), and typed columns (`path` or `value`).',
    ...(origin ? [`# ${origin}`] : []),
    '# Review names, types and lengths, then: sluice run --mapping <this file> ...',
  ];
  return `${header.join('\n')}\n${yamlLibrary().stringify(mapping, { lineWidth: 0 })}`;
}

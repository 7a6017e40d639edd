import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
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
  // yaml is loaded when first needed, as by loadMappingFile: not every run or command pays its import.
  const { stringify } = createRequire(import.meta.url)('yaml') as typeof Yaml;
  return `${header.join('\n')}\n${stringify(mapping, { lineWidth: 0 })}`;
}

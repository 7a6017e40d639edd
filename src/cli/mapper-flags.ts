import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { MappingSpec } from '../mapper/define-mapping.js';
import { loadMappingFile } from '../mapping/load-mapping-file.js';
import { UsageError } from './usage-error.js';

/** `--mapper` and `--mapping`, as commander gives them. */
export interface MapperFlags {
  mapper?: string;
  mapping?: string;
}

/** Adds `--mapper PATH` (code) and `--mapping FILE` (YAML/JSON, no code); a command takes one of them. */
export function addMapperFlags(cmd: Command): Command {
  return cmd
    .option('--mapper <path>', 'mapper module (.ts, .js, .mjs), relative to the working directory')
    .option('--mapping <file>', 'declarative mapping, YAML or JSON (schema: sluice/mapping.schema.json), instead of --mapper');
}

/**
 * The mapper of a command: an absolute module path, or the mapping read and checked from its
 * file (errors name file, line and key). Exactly one of the two flags must be given.
 */
export function mapperFrom(f: MapperFlags): string | MappingSpec {
  if (f.mapper !== undefined && f.mapping !== undefined) throw new UsageError('give --mapper (a module) or --mapping (a YAML/JSON file), not both');
  if (f.mapping !== undefined) return loadMappingFile(f.mapping);
  if (f.mapper === undefined) throw new UsageError('say how records become rows: --mapper ./mapper.ts (code) or --mapping ./mapping.yaml (no code)');
  const mapper = resolve(f.mapper);
  if (!existsSync(mapper)) throw new UsageError(`mapper not found: ${mapper}; check --mapper`);
  return mapper;
}

import { createRequire } from 'node:module';
import type * as Saxes from 'saxes';
import type * as Yaml from 'yaml';

const load = createRequire(import.meta.url);

/**
 * A dependency loaded the first time it is asked for, then kept: yaml costs 37–45 ms of CPU to
 * import, which every run and every CLI command would pay at start-up whether it read a mapping
 * or a YAML file or not. One loader for all of them, so each is loaded once, as the same
 * (CommonJS) build wherever it is used.
 *
 * ```ts
 * const yaml = lazyRequire<typeof Yaml>('yaml'); // import type * as Yaml from 'yaml'
 * yaml().parse(text); // loads yaml here, the first time
 * ```
 */
export function lazyRequire<T>(name: string): () => T {
  let module: T | undefined;
  return () => (module ??= load(name) as T);
}

/** yaml, when first needed (mapping files, YAML config files, inferred mappings). */
export const yamlLibrary = lazyRequire<typeof Yaml>('yaml');

/**
 * saxes, required rather than imported: it is CommonJS, and an ES module importing it makes Node
 * scan its 74 KB of source for its export names first (cjs-module-lexer), in every thread that
 * loads it: each worker, at its start. Required, it loads as it is.
 */
export const saxesLibrary = lazyRequire<typeof Saxes>('saxes');

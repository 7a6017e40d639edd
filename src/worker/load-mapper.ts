import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { SluiceConfigError } from '../core/errors.js';
import type { Mapper } from '../mapper/mapper.js';
import { defineMapping, type MappingSpec } from '../mapper/define-mapping.js';
import { isRecordStage, withRecordStages, type RecordStage } from '../mapper/record-stage.js';

/**
 * How a worker finds the mapper: a module path (JS or TS), or a declarative mapping as data;
 * with the paths of the record stages that run beside it, in order.
 */
export type MapperRef = ({ readonly path: string } | { readonly mapping: MappingSpec }) & { readonly stages?: readonly string[] };

const cache = new Map<string, Promise<Mapper>>();

/** Loads (once per thread) and validates a mapper, with its record stages around it. */
export function loadMapper(ref: MapperRef): Promise<Mapper> {
  const id = JSON.stringify(ref);
  let p = cache.get(id);
  if (!p) {
    const mapper = 'path' in ref ? importMapper(ref.path) : Promise.resolve(defineMapping(ref.mapping));
    p = ref.stages?.length ? Promise.all([mapper, ...ref.stages.map(importStage)]).then(([m, ...stages]) => withRecordStages(m, stages)) : mapper;
    cache.set(id, p);
  }
  return p;
}

async function importModule(path: string, what: string): Promise<unknown> {
  try {
    if (/\.[cm]?tsx?$/.test(path)) {
      const { createJiti } = await import('jiti');
      return await createJiti(import.meta.url, { interopDefault: true, moduleCache: true }).import(path);
    }
    return await import(pathToFileURL(path).href);
  } catch (error) {
    throw new SluiceConfigError(`cannot load ${what} ${path}: ${(error as Error).message}${what === 'mapper' ? compiledHint(path) : ''}`, what === 'mapper' ? 'mapper' : 'recordStages');
  }
}

async function importStage(path: string): Promise<RecordStage> {
  const mod = await importModule(path, 'record stage');
  const d = (mod as { default?: unknown } | null)?.default;
  const stage = [mod, d, (d as { default?: unknown } | null)?.default].find(isRecordStage);
  if (!stage) {
    throw new SluiceConfigError(`record stage ${path} must export default defineRecordStage({ name, filter?, row? })`, 'recordStages');
  }
  return stage;
}

async function importMapper(path: string): Promise<Mapper> {
  const mod = await importModule(path, 'mapper');
  const candidate = pickMapper(mod);
  if (!candidate) {
    throw new SluiceConfigError(
      `mapper ${path} must export default defineMapper({ tables, map }) (found no object with "tables" and a "map" function)`,
      'mapper',
    );
  }
  assertSynchronousMap(candidate, path);
  return candidate;
}

/**
 * An async or generator `map` compiles in JavaScript (and in TypeScript with a cast), but the
 * record would be logged as succeeded before its rows exist: refused at load, before any table
 * is created. A plain function that returns a Promise is caught on its first record (worker.ts).
 */
function assertSynchronousMap(mapper: Mapper, path: string): void {
  const kind = Object.prototype.toString.call((mapper as { readonly map: unknown }).map).slice(8, -1);
  if (kind === 'Function') return;
  const what = kind === 'GeneratorFunction' ? 'a generator function (its body never runs)' : 'an async function';
  throw new SluiceConfigError(`mapper ${path}: map is ${what}; ${SYNC_MAP_HINT}`, 'mapper');
}

/** What to do about a mapper whose map is not synchronous. */
export const SYNC_MAP_HINT =
  'map must be synchronous and emit every row with ctx.emit before it returns (rows emitted after an await are lost): remove async/await and .then() from map, and fetch what it needs before the run';

/** A mapper's name in messages: its module path, or "the declarative mapping". */
export function mapperName(ref: MapperRef): string {
  return 'path' in ref ? ref.path : 'the declarative mapping';
}

function isMapper(x: unknown): x is Mapper {
  return typeof x === 'object' && x !== null && typeof (x as Mapper).map === 'function' && typeof (x as Mapper).tables === 'object';
}

function pickMapper(mod: unknown): Mapper | undefined {
  if (isMapper(mod)) return mod;
  const d = (mod as { default?: unknown } | null)?.default;
  if (isMapper(d)) return d;
  const dd = (d as { default?: unknown } | null)?.default;
  return isMapper(dd) ? dd : undefined;
}

/** What to do when a `.ts` mapper is named from compiled code, where only the `.js` was emitted. */
function compiledHint(path: string): string {
  if (existsSync(path) || !/\.[cm]?ts$/.test(path)) return '';
  const js = path.replace(/\.([cm]?)ts$/, '.$1js');
  return existsSync(js)
    ? `; the app looks compiled (${js} exists): name the mapper with its .js extension, e.g. new URL('./mapper.js', import.meta.url)`
    : '; the file does not exist (a path is relative to the working directory, a URL to the module that made it)';
}

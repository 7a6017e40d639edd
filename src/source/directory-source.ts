import { opendir, readFile } from 'node:fs/promises';
import { join, extname, relative, sep } from 'node:path';
import { SluiceConfigError } from '../core/errors.js';
import type { SourceRecord } from '../core/record.js';
import type { Source } from './source.js';
import { globToRegExp } from './glob.js';

/** Options of `fromDirectory`. */
export interface DirectorySourceOptions {
  /** File extension to read; ignored when `glob` is given. @default '.xml' */
  readonly extension?: string;
  /** Read the files of subdirectories too, in path order. @default false */
  readonly recursive?: boolean;
  /**
   * Which files to read, as a glob over their path relative to the directory, with `/` between
   * directories: `*` matches within a name, `**` across directories, `?` one character, `{a,b}`
   * either. A pattern with a `/` or `**` implies `recursive`. @default `*${extension}`
   */
  readonly glob?: string;
  /**
   * Key of a file, from its path relative to the directory (`/` between directories).
   * @default that path without its extension; an integer if it is one
   */
  readonly key?: (path: string) => string | number;
}

/**
 * A source over a directory of XML files, one record per file, in path order. Files are read
 * only when their page is pulled, as bytes: the worker decodes each as its byte order mark and
 * XML declaration say (UTF-8 by default).
 *
 * @example
 * ```ts
 * const inbox = fromDirectory('./inbox');                                    // 1001.xml -> key 1001
 * const cldr = fromDirectory('/usr/share/unicode/cldr/common', { glob: '{main,annotations}/*.xml' }); // key 'main/af'
 * ```
 */
export function fromDirectory(dir: string, options: DirectorySourceOptions = {}): Source {
  const ext = options.extension ?? '.xml';
  const pattern = options.glob ?? (options.recursive ? `**/*${ext}` : `*${ext}`);
  let match: RegExp;
  try {
    match = globToRegExp(pattern);
  } catch (error) {
    throw new SluiceConfigError(`glob ${JSON.stringify(pattern)} is not a valid pattern: ${(error as Error).message}`, 'glob');
  }
  const recursive = options.recursive ?? (pattern.includes('/') || pattern.includes('**'));
  const keyOf = options.key ?? defaultKey;
  return {
    name: `dir:${dir}`,
    filtersPartition: false,
    canSkip: () => false,
    async *pages(request) {
      const { limit, signal } = request;
      const paths = (await list(dir, recursive)).filter((p) => match.test(p)).sort();
      const total = limit === undefined ? paths.length : Math.min(limit, paths.length);
      for (let i = 0; i < total && !signal?.aborted; ) {
        const chunk = paths.slice(i, Math.min(i + request.pageSize, total));
        i += chunk.length;
        const page: SourceRecord[] = await Promise.all(chunk.map(async (path) => ({ key: keyOf(path), payload: await readFile(join(dir, path)), meta: { file: path } })));
        yield page;
      }
    },
    close: async () => {},
  };
}

/** Paths of the files under `dir`, relative to it, with `/` between directories. */
async function list(dir: string, recursive: boolean, root = dir): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of await opendir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
    else if (recursive && entry.isDirectory()) out.push(...(await list(path, true, root)));
  }
  return out;
}

function defaultKey(path: string): string | number {
  const stem = path.slice(0, path.length - extname(path).length);
  return /^-?\d{1,15}$/.test(stem) ? Number(stem) : stem;
}

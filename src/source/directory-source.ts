import { opendir, readFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
import type { SourceRecord } from '../core/record.js';
import type { Source } from './source.js';

/** Options of `fromDirectory`. */
export interface DirectorySourceOptions {
  /** File extension to read. @default '.xml' */
  readonly extension?: string;
  /** Read subdirectories too; a file's name is then its path under `dir` (`2024/1001.xml`). @default false */
  readonly recursive?: boolean;
  /**
   * Only files whose name (path under `dir`, `/`-separated) matches: `*` and `?` within a
   * folder, `**` across folders. Replaces the `extension` filter. @default every file with `extension`
   */
  readonly glob?: string;
  /** Key of a file. @default the file name without extension; an integer if it is one */
  readonly key?: (fileName: string) => string | number;
}

/**
 * A source over a directory of XML files, one record per file, in file-name order. Files are
 * read only when their page is pulled.
 *
 * @example
 * ```ts
 * const source = fromDirectory('./inbox', { extension: '.xml' }); // 1001.xml -> key 1001
 * ```
 */
export function fromDirectory(dir: string, options: DirectorySourceOptions = {}): Source {
  const ext = options.extension ?? '.xml';
  const keyOf = options.key ?? defaultKey(ext);
  const wanted = options.glob === undefined ? (name: string) => extname(name) === ext : globMatcher(options.glob);
  return {
    name: `dir:${dir}`,
    filtersPartition: false,
    canSkip: () => false,
    async *pages({ pageSize, limit, signal }) {
      const names = (await listFiles(dir, '', options.recursive ?? false)).filter(wanted);
      names.sort();
      const total = limit === undefined ? names.length : Math.min(limit, names.length);
      for (let i = 0; i < total && !signal?.aborted; i += pageSize) {
        const chunk = names.slice(i, Math.min(i + pageSize, total));
        const page: SourceRecord[] = await Promise.all(
          chunk.map(async (name) => ({ key: keyOf(name), payload: await readFile(join(dir, name), 'utf8'), meta: { file: name } })),
        );
        yield page;
      }
    },
    close: async () => {},
  };
}

async function listFiles(root: string, prefix: string, recursive: boolean): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of await opendir(join(root, prefix))) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile()) out.push(name);
    else if (recursive && entry.isDirectory()) out.push(...(await listFiles(root, name, true)));
  }
  return out;
}

/** A glob (`*`, `?`, `**`) as a test on `/`-separated names. */
function globMatcher(glob: string): (name: string) => boolean {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const rx = new RegExp(`^${re}$`);
  return (name) => rx.test(name);
}

function defaultKey(ext: string): (name: string) => string | number {
  return (name) => {
    const stem = name.endsWith(ext) ? name.slice(0, name.length - ext.length) : name.replace(/\.[^./]*$/, '');
    return /^-?\d{1,15}$/.test(stem) ? Number(stem) : stem;
  };
}

import { opendir, readFile } from 'node:fs/promises';
import { join, extname, basename } from 'node:path';
import type { SourceRecord } from '../core/record.js';
import type { Source } from './source.js';

/** Options of `fromDirectory`. */
export interface DirectorySourceOptions {
  /** File extension to read. @default '.xml' */
  readonly extension?: string;
  /** Key of a file. @default the file name without extension; an integer if it is one */
  readonly key?: (fileName: string) => string | number;
}

/**
 * A source over a directory of XML files, one record per file, in file-name order. Files are
 * read only when their page is pulled, as bytes: the worker decodes each as its byte order mark
 * and XML declaration say (UTF-8 by default).
 *
 * @example
 * ```ts
 * const source = fromDirectory('./inbox', { extension: '.xml' }); // 1001.xml -> key 1001
 * ```
 */
export function fromDirectory(dir: string, options: DirectorySourceOptions = {}): Source {
  const ext = options.extension ?? '.xml';
  const keyOf = options.key ?? defaultKey(ext);
  return {
    name: `dir:${dir}`,
    filtersPartition: false,
    canSkip: () => false,
    async *pages({ pageSize, limit, signal }) {
      const names: string[] = [];
      for await (const entry of await opendir(dir)) {
        if (entry.isFile() && extname(entry.name) === ext) names.push(entry.name);
      }
      names.sort();
      const total = limit === undefined ? names.length : Math.min(limit, names.length);
      for (let i = 0; i < total && !signal?.aborted; i += pageSize) {
        const chunk = names.slice(i, Math.min(i + pageSize, total));
        const page: SourceRecord[] = await Promise.all(
          chunk.map(async (name) => ({ key: keyOf(name), payload: await readFile(join(dir, name)), meta: { file: name } })),
        );
        yield page;
      }
    },
    close: async () => {},
  };
}

function defaultKey(ext: string): (name: string) => string | number {
  return (name) => {
    const stem = basename(name, ext);
    return /^-?\d{1,15}$/.test(stem) ? Number(stem) : stem;
  };
}

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { fromDirectory, type DirectorySourceOptions } from '../source/directory-source.js';
import { fromXmlFile, type XmlFileSourceOptions } from '../source/xml-file-source.js';
import type { Source } from '../source/source.js';
import { UsageError } from './usage-error.js';

/** Flags of the file sources (`dir:` and `xml:`), as commander gives them. */
export interface FileSourceFlags {
  extension?: string;
  recursive?: boolean;
  glob?: string;
  recordElement?: string;
  keyAttribute?: string;
  keyPath?: string;
}

/** Adds the flags of `--source dir:PATH` and `--source xml:PATH` to a command. */
export function addFileSourceFlags(cmd: Command): Command {
  return cmd
    .option('--extension <ext>', 'dir: files with this extension are records (default .xml)')
    .option('--recursive', 'dir: read subdirectories too')
    .option('--glob <pattern>', 'dir: only files whose path under the directory matches, e.g. "2024-*/*.xml"')
    .option('--record-element <name>', 'xml: the repeated element that makes one record, e.g. Application')
    .option('--key-attribute <name>', 'xml: attribute of the record element holding its key (default: the record’s position)')
    .option('--key-path <path>', 'xml: path of the element holding the key, from the record element: Id, or Header/Id');
}

const DIR_ONLY = ['extension', 'recursive', 'glob'] as const;
const XML_ONLY = ['recordElement', 'keyAttribute', 'keyPath'] as const;
const flagName = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Whether `--source` names a file source rather than a database. */
export function isFileSource(url: string): boolean {
  return url.startsWith('dir:') || url.startsWith('xml:');
}

/**
 * The source of `--source dir:PATH` (one record per file) or `--source xml:PATH` (one large
 * file cut into records at `--record-element`). Paths are relative to the working directory.
 * Flags that belong to the other kind, or to no file source, are usage errors.
 */
export function fileSource(url: string, f: FileSourceFlags): Source {
  const dir = url.startsWith('dir:');
  const path = resolve(url.slice(4));
  if (url.length === 4) throw new UsageError(`--source ${url} needs a path, e.g. ${dir ? 'dir:./inbox' : 'xml:./applications.xml'}`);
  const wrong = (dir ? XML_ONLY : DIR_ONLY).find((k) => f[k] !== undefined);
  if (wrong) throw new UsageError(`${flagName(wrong)} applies to --source ${dir ? 'xml:FILE' : 'dir:PATH'}, not to ${url.slice(0, 4)}`);
  if (dir) {
    if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`source directory not found: ${path}; check --source (dir:PATH)`);
    const options: DirectorySourceOptions = {
      ...(f.extension !== undefined && { extension: f.extension.startsWith('.') ? f.extension : `.${f.extension}` }),
      ...(f.recursive && { recursive: true }),
      ...(f.glob !== undefined && { glob: f.glob }),
    };
    return fromDirectory(path, options);
  }
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`source file not found: ${path}; check --source (xml:FILE)`);
  if (!f.recordElement) throw new UsageError('--source xml:FILE needs --record-element NAME, the element repeated once per record (e.g. --record-element Application)');
  if (f.keyAttribute !== undefined && f.keyPath !== undefined) {
    throw new UsageError('give --key-attribute or --key-path, not both: the key is an attribute of the record element or the text of a child');
  }
  const options: XmlFileSourceOptions = {
    element: f.recordElement,
    ...(f.keyAttribute !== undefined && { keyAttribute: f.keyAttribute }),
    ...(f.keyPath !== undefined && { keyPath: f.keyPath }),
  };
  return fromXmlFile(path, options);
}

/** Whether a flag of one of the file sources was given (it then needs `--source dir:`/`xml:`). */
export function fileSourceFlagGiven(f: FileSourceFlags): string | undefined {
  const k = [...DIR_ONLY, ...XML_ONLY].find((x) => f[x] !== undefined);
  return k && flagName(k);
}

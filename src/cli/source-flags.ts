import type { Command } from 'commander';
import type { Source } from '../source/source.js';
import { endpointFor, type TableSourceFlags } from './endpoints.js';
import { addFileSourceFlags, fileSource, fileSourceFlagGiven, isFileSource, type FileSourceFlags } from './file-sources.js';
import { UsageError } from './usage-error.js';


/** Every flag that says where records come from, besides `--source` itself. */
export type SourceFlags = TableSourceFlags & FileSourceFlags;

/** Adds the flags of every source `--source` can name: a database table's and the file sources'. */
export function addSourceFlags(cmd: Command): Command {
  return addFileSourceFlags(
    cmd
      .option('--table <name>', 'source table', 'app_xml')
      .option('--key <column>', 'key column', 'app_id')
      .option('--payload <column>', 'XML column', 'xml')
      .option('--where <sql>', 'extra SQL condition on the source table'),
  );
}

/** The table flags, for an endpoint's `source()`. */
export function tableFlagsOf(f: TableSourceFlags): TableSourceFlags {
  return { table: f.table, key: f.key, payload: f.payload, ...(f.where && { where: f.where }) };
}

/**
 * The source `--source` names, read with the flags that go with it: `dir:`/`xml:` with the file
 * flags, a database URL with the table flags. The one place the CLI builds a source from flags
 * (`run`, `infer` and `tune` read the same sources). A file flag given with a database source is a
 * usage error.
 */
export function sourceFromFlags(url: string, f: SourceFlags): Source {
  if (isFileSource(url)) return fileSource(url, f);
  refuseFileFlags(f);
  return endpointFor(url, '--source').source(url, tableFlagsOf(f));
}

/** A usage error if a file source's flag was given with a database source. */
export function refuseFileFlags(f: FileSourceFlags): void {
  const fileFlag = fileSourceFlagGiven(f);
  if (fileFlag) throw new UsageError(`${fileFlag} applies to --source dir:PATH or xml:FILE; --source is a database here`);
}

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { inferMapping, INFER_DEFAULTS } from '../infer/infer-mapping.js';
import { inferMappingFromXsd } from '../infer/infer-from-xsd.js';
import type { MappingSpec } from '../mapper/define-mapping.js';
import type { PathReport } from '../infer/path-report.js';
import { mappingToYaml } from '../infer/mapping-yaml.js';
import { formatPathReport } from '../infer/path-report.js';
import type { SqlDialect } from '../infer/sql-names.js';
import { mappingDdl } from '../infer/mapping-ddl.js';
import { redactUrl } from './endpoints.js';
import { isFileSource } from './file-sources.js';
import { addSourceFlags, sourceFromFlags, type SourceFlags } from './source-flags.js';
import { intFlag } from './parse-flags.js';
import { addParseLimitFlags, parseLimitsOf, type ParseLimitFlags } from './parse-limit-flags.js';
import { UsageError } from './usage-error.js';

interface InferFlags extends SourceFlags, ParseLimitFlags {
  source?: string;
  xsd?: string;
  root?: string;
  keyType?: string;
  sample: number;
  out?: string;
  ddl?: string;
  dialect: string;
  keyColumn?: string;
}

const DIALECTS: readonly SqlDialect[] = ['sqlite', 'postgres', 'mssql'];

/** `sluice infer`: a mapping file proposed from sample records, with what was seen per path. */
export function registerInferCommand(program: Command, setExit: (code: number) => void): void {
  addParseLimitFlags(addSourceFlags(
  program
    .command('infer')
    .description('propose a mapping file (tables, columns, types) from sample records; review it, then `sluice run --mapping FILE`')
    .option('--source <url>', 'where sample records are: dir:PATH, xml:FILE, sqlite:PATH, postgres://…, mssql://… or a SQL Server connection string')
    .option('--xsd <file>', 'an XML Schema to read tables and types from instead of samples')
    .option('--root <element>', 'with --xsd: the global element documents start with (default: the first)')
    .option('--key-type <type>', 'with --xsd: type of the record key, integer, bigint or text (default bigint)')
    .option('--sample <n>', `records to read (default ${INFER_DEFAULTS.sample})`, intFlag(1, 10_000_000), INFER_DEFAULTS.sample)
    .option('--out <file>', 'write the mapping (YAML) here; without it, to standard output')
    .option('--ddl <file>', 'also write CREATE TABLE statements for --dialect here')
    .option('--dialect <name>', `database the names (and --ddl) are for: ${DIALECTS.join(', ')}`, 'postgres')
    .option('--key-column <name>', 'name of the record-key column in every table (default: --key for a table source)'),
  ))
    .action(async (f: InferFlags) => {
      if (!(DIALECTS as readonly string[]).includes(f.dialect)) throw new UsageError(`--dialect must be one of ${DIALECTS.join(', ')}; got "${f.dialect}"`);
      const dialect = f.dialect as SqlDialect;
      if ((f.source === undefined) === (f.xsd === undefined)) throw new UsageError('give --source (sample records) or --xsd FILE (a schema), one of them');
      const keyColumn = f.keyColumn ?? (f.source !== undefined && !f.xsd && !isFileSource(f.source) ? f.key : INFER_DEFAULTS.keyColumn);
      let result: { mapping: MappingSpec; paths: readonly PathReport[]; summary: string; origin: string };
      if (f.xsd !== undefined) {
        if (!existsSync(f.xsd)) throw new UsageError(`schema not found: ${resolve(f.xsd)}; check --xsd`);
        if (f.keyType !== undefined && !['integer', 'bigint', 'text'].includes(f.keyType)) throw new UsageError(`--key-type must be integer, bigint or text; got "${f.keyType}"`);
        const r = inferMappingFromXsd({
          xsd: readFileSync(f.xsd, 'utf8'),
          ...(f.root !== undefined && { root: f.root }),
          keyColumn,
          keyType: (f.keyType ?? 'bigint') as 'integer' | 'bigint' | 'text',
          dialect,
        });
        const unmapped = r.unmapped.length ? `; ${r.unmapped.length} things it could not map or had to assume (marked !): review them` : '';
        result = { ...r, summary: `${counts(r.mapping)}${unmapped}.`, origin: `inferred by sluice infer from the schema ${f.xsd}` };
      } else {
        const url = f.source!;
        const source = sourceFromFlags(url, f);
        const parse = parseLimitsOf(f);
        const r = await inferMapping({ source, sample: f.sample, dialect, keyColumn, ...(parse && { parse }) });
        const notes = r.paths.filter((p) => p.notes.length > 0).length;
        const lines = [`Read ${r.sampled} records: ${counts(r.mapping)}${notes ? `; ${notes} paths have notes (marked !): review them` : ''}.`];
        for (const u of r.unreadable.slice(0, 5)) lines.push(`  record ${u.key} left out: ${u.error}`);
        if (r.unreadable.length > 5) lines.push(`  ... and ${r.unreadable.length - 5} more records left out`);
        result = { ...r, summary: lines.join('\n'), origin: `inferred by sluice infer from ${r.sampled} records of ${redactUrl(url)}` };
      }
      const yaml = mappingToYaml(result.mapping, result.origin);
      // With the mapping on standard output, the report goes to standard error, so both can be piped apart.
      const say = f.out ? (s: string) => process.stdout.write(s) : (s: string) => process.stderr.write(s);
      say(`${formatPathReport(result.paths)}\n\n${result.summary}\n`);
      if (f.out) {
        writeFile(f.out, yaml);
        say(`Wrote ${resolve(f.out)}.\n`);
      } else {
        process.stdout.write(yaml);
      }
      if (f.ddl) {
        writeFile(f.ddl, `${mappingDdl(result.mapping, dialect).map((s) => `${s};`).join('\n\n')}\n`);
        say(`Wrote ${resolve(f.ddl)} (${dialect}).\n`);
      }
      setExit(0);
    });
}

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, text);
}

function counts(mapping: MappingSpec): string {
  const tables = Object.values(mapping.tables);
  return `${tables.length} tables, ${tables.reduce((n, t) => n + Object.keys(t.columns).length, 0)} columns`;
}

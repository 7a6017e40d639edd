import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import type { Document, LineCounter } from 'yaml';
import { yamlLibrary } from '../core/lazy-require.js';
import { validate } from './mapping-validator.generated.mjs';
import { defineMapping, type MappingSpec } from '../mapper/define-mapping.js';
import { SluiceMappingFileError } from './mapping-file-error.js';

type Segment = string | number;

/**
 * Reads a declarative mapping from a YAML or JSON file (JSON is YAML), checks it against the
 * JSON Schema shipped in the package (`sluice/mapping.schema.json`) and for consistency (every
 * column has one source, `keyColumn` and `primaryKey` name columns, paths are valid), and
 * returns it ready for `pipeline({ mapper })`. Every error names the file, the line and the key.
 *
 * @example
 * ```ts
 * import { loadMappingFile, pipeline, fromDirectory, sqliteSink } from 'sluice';
 *
 * const mapper = loadMappingFile('./mapping.yaml');
 * await pipeline({ source: fromDirectory('./inbox'), sink: sqliteSink({ file: 'out.db' }), mapper }).run();
 * ```
 */
export function loadMappingFile(file: string): MappingSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SluiceMappingFileError(`cannot read the mapping file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path given (--mapping)`, file, undefined, '');
  }
  const yaml = yamlLibrary();
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    throw new SluiceMappingFileError(`not valid YAML or JSON: ${syntax.message.split('\n')[0]}`, file, lines.linePos(syntax.pos[0]).line, '');
  }
  const data: unknown = doc.toJS();
  // schemas/mapping.schema.json, compiled by ajv when the package is built (its defaults fill
  // `nullable: false` and `emptyAsNull: false`): no ajv to load nor schema to compile at run time.
  if (!validate(data)) {
    const e = validate.errors![0]!;
    const at = [...pointer(e.instancePath), ...(e.keyword === 'additionalProperties' ? [(e.params as { additionalProperty: string }).additionalProperty] : [])];
    throw new SluiceMappingFileError(describe(e), file, lineOf(doc, lines, at), dotted(at));
  }
  const spec = data as MappingSpec;
  const fail = (at: Segment[], problem: string): never => {
    throw new SluiceMappingFileError(problem, file, lineOf(doc, lines, at), dotted(at));
  };
  const checkPath = (at: Segment[], path: string, attribute = false) => {
    const problem = pathProblem(path, attribute);
    if (problem) fail(at, `invalid XML path "${path}": ${problem}`);
  };
  for (const [name, t] of Object.entries(spec.tables)) {
    checkPath(['tables', name, 'from'], t.from);
    for (const [cname, c] of Object.entries(t.columns)) {
      const at = ['tables', name, 'columns', cname];
      const sources = (['path', 'value', 'constant'] as const).filter((k) => c[k] !== undefined);
      if (sources.length !== 1) {
        fail(at, sources.length === 0 ? 'give the value a source: path, value ($key or $index) or constant' : `give one source, not ${sources.join(' and ')}`);
      }
      if (c.path !== undefined) checkPath([...at, 'path'], c.path, true);
      if (c.default !== undefined && c.path === undefined) fail([...at, 'default'], '"default" goes with a path (the value when the path selects nothing)');
      if (c.of !== undefined) {
        if (c.value !== '$index') fail([...at, 'of'], '"of" goes with value $index (the position of an enclosing element)');
        checkPath([...at, 'of'], c.of);
      }
    }
    if (t.keyColumn !== undefined && t.columns[t.keyColumn]?.value !== '$key') {
      fail(['tables', name, 'keyColumn'], `"${t.keyColumn}" must be a column of ${name} with value $key`);
    }
    t.primaryKey?.forEach((k, i) => {
      if (!(k in t.columns)) fail(['tables', name, 'primaryKey', i], `"${k}" is not a column of ${name}`);
    });
  }
  defineMapping(spec); // the same checks the workers make, so nothing fails later
  return spec;
}

/** What is wrong with an XML path (`A/B`, `../@id`, `/Root/A`), or undefined if nothing. */
function pathProblem(path: string, attribute: boolean): string | undefined {
  const steps = (path.startsWith('/') ? path.slice(1) : path).split('/');
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (step === '') return 'an empty step (two slashes, or a slash at the end)';
    if (step.startsWith('@')) {
      if (!attribute || i < steps.length - 1) return 'an @attribute may only be the last step of a column path';
      if (!/^@[A-Za-z_][\w.:-]*$/.test(step)) return `"${step}" is not an attribute name`;
    } else if (step !== '.' && step !== '..' && !/^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$/.test(step)) {
      return `"${step}" is not an element name, . or ..`;
    }
  }
  return undefined;
}

function pointer(instancePath: string): Segment[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function dotted(at: readonly Segment[]): string {
  return at.map((s, i) => (typeof s === 'number' || /^\d+$/.test(s) ? `[${s}]` : `${i ? '.' : ''}${s}`)).join('');
}

/** The line of the key (or item) at `at`, or of the deepest ancestor found. */
function lineOf(doc: Document, lines: LineCounter, at: readonly Segment[]): number | undefined {
  const { isMap, isPair, isScalar, isSeq } = yamlLibrary();
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: [number] } | null)?.range?.[0];
  for (const seg of at) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = (pair.key as { range?: [number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(seg)];
      if (!item) break;
      offset = (item as { range?: [number] }).range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

const TYPES: Readonly<Record<string, string>> = { string: 'a string', number: 'a number', integer: 'an integer', boolean: 'true or false', object: 'a mapping of keys to values', array: 'a list' };

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown key "${String(p.additionalProperty)}"; see schemas/mapping.schema.json for the keys allowed here`;
    case 'required':
      return `missing "${String(p.missingProperty)}"`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      return `must be ${String(p.type).split(',').map((t) => TYPES[t] ?? t).join(' or ')}`;
    case 'propertyNames':
      return `names must be SQL identifiers (letters, digits, _), not "${String(p.propertyName)}"`;
    default:
      return e.message ?? e.keyword;
  }
}

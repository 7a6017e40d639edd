import type { MappingSpec } from '../mapper/define-mapping.js';
import { INFER_DEFAULTS } from './infer-mapping.js';
import type { PathReport } from './path-report.js';
import { shapeToMapping } from './shape-to-mapping.js';
import type { SqlDialect } from './sql-names.js';
import { XsdShape } from './xsd-shape.js';

/** Options of `inferMappingFromXsd`. */
export interface XsdInferOptions {
  /** The schema's text (one file: `xs:include` and `xs:import` are not followed). */
  readonly xsd: string;
  /** The global element documents start with. @default the schema's first global element */
  readonly root?: string;
  /** Name of the record-key column every table gets. @default 'record_key' */
  readonly keyColumn?: string;
  /** Type of the record key: integer keys (database ids) or text (file names). @default 'bigint' */
  readonly keyType?: 'integer' | 'bigint' | 'text';
  /** @default 'postgres' */
  readonly dialect?: SqlDialect;
  /** @default ['processing_log', 'sluice_queue'] */
  readonly reservedTables?: readonly string[];
}

/** A mapping proposed from a schema, and per path what the schema declared and what could not be mapped. */
export interface XsdInferResult {
  readonly mapping: MappingSpec;
  readonly paths: readonly PathReport[];
  /** Everything the schema had that the mapping does not cover or had to assume, as `path: note`. */
  readonly unmapped: readonly string[];
}

/**
 * Proposes a declarative mapping from an XML Schema instead of samples: cardinalities from
 * `minOccurs`/`maxOccurs` through sequences and choices (an element that may repeat becomes a
 * child table; one in a choice is nullable), column types from the simple types and their
 * restrictions (`maxLength`, `totalDigits`/`fractionDigits`, enumerations).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { inferMappingFromXsd } from 'sluice';
 *
 * const { mapping, unmapped } = inferMappingFromXsd({ xsd: readFileSync('order.xsd', 'utf8'), root: 'Order' });
 * for (const u of unmapped) console.warn(u);
 * ```
 */
export function inferMappingFromXsd(options: XsdInferOptions): XsdInferResult {
  const shape = new XsdShape(options.xsd).shape(options.root);
  const keyType = options.keyType ?? 'bigint';
  const { mapping, paths } = shapeToMapping(shape, {
    dialect: options.dialect ?? INFER_DEFAULTS.dialect,
    keyColumn: options.keyColumn ?? INFER_DEFAULTS.keyColumn,
    keyDef: keyType === 'text' ? { type: 'text', nullable: false, maxLength: 450 } : { type: keyType, nullable: false },
    reservedTables: options.reservedTables ?? INFER_DEFAULTS.reservedTables,
  });
  const unmapped = paths.flatMap((p) => p.notes.map((n) => `${p.path}: ${n}`));
  return { mapping, paths, unmapped };
}

import type { ColumnDef } from '../mapper/column.js';

/** Facets of a simple type restriction that size a column. */
export interface Facets {
  readonly maxLength?: number;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
  /** Longest enumerated value. */
  readonly enumerationLength?: number;
}

const INTEGER = new Set(['int', 'short', 'byte', 'unsignedShort', 'unsignedByte']);
const BIGINT = new Set(['long', 'integer', 'unsignedInt', 'unsignedLong', 'positiveInteger', 'negativeInteger', 'nonPositiveInteger', 'nonNegativeInteger']);
const TEXT = new Set(['string', 'normalizedString', 'token', 'language', 'Name', 'NCName', 'ID', 'IDREF', 'IDREFS', 'ENTITY', 'NMTOKEN', 'NMTOKENS', 'anyURI', 'QName', 'anySimpleType']);
/** XSD types kept as text because no column type holds them as such. */
const TEXT_WITH_NOTE = new Set(['time', 'duration', 'gYear', 'gYearMonth', 'gMonth', 'gMonthDay', 'gDay', 'base64Binary', 'hexBinary', 'NOTATION']);

/**
 * The column for a built-in XSD type (local name, e.g. `decimal`), sized by facets; and a note when
 * the mapping had to assume something (a decimal without digits, a type kept as text).
 */
export function builtinColumn(type: string, facets: Facets): { def: ColumnDef; note?: string } {
  const def = (d: Omit<ColumnDef, 'nullable'>): ColumnDef => ({ ...d, nullable: false });
  if (type === 'boolean') return { def: def({ type: 'boolean' }) };
  if (INTEGER.has(type)) return { def: def({ type: 'integer' }) };
  if (BIGINT.has(type)) {
    // Digits past 18 do not fit a 64-bit integer.
    if (facets.totalDigits !== undefined && facets.totalDigits <= 9 && type !== 'unsignedLong') return { def: def({ type: 'integer' }) };
    return { def: def({ type: 'bigint' }) };
  }
  if (type === 'decimal') {
    const precision = facets.totalDigits ?? 18;
    const scale = facets.fractionDigits ?? 2;
    const assumed = facets.totalDigits === undefined || facets.fractionDigits === undefined;
    return { def: def({ type: 'decimal', precision: Math.max(precision, scale), scale }), ...(assumed && { note: `xs:decimal without totalDigits/fractionDigits: decimal(${Math.max(precision, scale)},${scale}) assumed` }) };
  }
  if (type === 'float' || type === 'double') return { def: def({ type: 'number' }) };
  if (type === 'date') return { def: def({ type: 'date' }) };
  if (type === 'dateTime' || type === 'dateTimeStamp') return { def: def({ type: 'timestamp' }) };
  const length = facets.maxLength ?? facets.enumerationLength;
  const text = def({ type: 'text', ...(length !== undefined && { maxLength: length }) });
  if (TEXT.has(type)) return { def: text };
  if (TEXT_WITH_NOTE.has(type)) return { def: text, note: `xs:${type} has no column type here: loaded as text` };
  return { def: text, note: `unknown type xs:${type}: loaded as text` };
}

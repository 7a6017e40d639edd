import { SluiceConversionError } from '../../src/core/errors.js';
import type { ColumnDef } from '../../src/mapper/column.js';
import { convertCell } from '../../src/mapper/convert.js';
import { XmlField } from '../../src/xml/index.js';

/** The XML path every field built here says it came from. */
export const PATH = '/App/Value';

/** Converts a value for column `app.c`, as a mapper's raw value or (`fromXml`) as a document field. */
export function convert(input: unknown, def: ColumnDef, fromXml = false): unknown {
  const value = fromXml && (typeof input === 'string' || input === undefined) ? new XmlField(input, PATH) : input;
  return convertCell(value, { ...def, name: 'c' }, 'app');
}

/** The SluiceConversionError converting `input` throws; fails the test if it converts. */
export function conversionError(input: unknown, def: ColumnDef, fromXml = false): SluiceConversionError {
  try {
    convert(input, def, fromXml);
  } catch (e) {
    if (e instanceof SluiceConversionError) return e;
    throw e;
  }
  throw new Error(`${String(input)} converted, but should not have`);
}


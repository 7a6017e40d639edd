import { describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import { conversionError, convert } from '../helpers/convert.js';

const US = column.date({ format: 'MM/DD/YYYY' });
const EU = column.date({ format: 'DD.MM.YYYY' });

describe('a date column with a declared format', () => {
  it.each([
    [US, '12/25/2023', '2023-12-25'],
    [US, '1/10/2023', '2023-01-10'],
    [US, '10/5/2023', '2023-10-05'],
    [US, '09/09/2023', '2023-09-09'],
    [EU, '25.12.2023', '2023-12-25'],
    [EU, '10.1.2023', '2023-01-10'],
    [EU, '5.10.2023', '2023-10-05'],
    [US, '2023-12-25', '2023-12-25'],
  ])('%o takes %s as %s, month and day one or two digits, padded', (def, input, expected) => {
    expect(convert(input, def, true)).toBe(expected);
  });

  it.each([
    [US, '25.12.2023'],
    [EU, '12/25/2023'],
    [US, 'x1/2/2023'],
    [US, '1/2/20234'],
    [US, '123/2/2023'],
    [US, '1/234/2023'],
    [EU, 'x1.2.2023'],
    [EU, '1.2.20234'],
    [EU, '123.2.2023'],
    [EU, '1.234.2023'],
  ])('%o refuses %s: only the whole value in its own format', (def, input) => {
    expect(conversionError(input, def, true).expected).toBe(`a date (YYYY-MM-DD or ${def.format})`);
  });

  it.each(['12/25/2023', '25.12.2023', 'x2023-12-25', 'on 2023-12-25'])('without a format, %s is not a date', (input) => {
    expect(conversionError(input, column.date(), true).expected).toBe('a date (YYYY-MM-DD)');
  });
});

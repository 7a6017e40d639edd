import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import { convert } from '../helpers/convert.js';

describe('timestamp forms', () => {
  it('keeps fractional seconds of any length, to the millisecond', () => {
    expect(convert('2023-01-05T10:00:00.123Z', column.timestamp(), true)).toBe('2023-01-05T10:00:00.123Z');
    expect(convert('2023-01-05T10:00:00.12345+01:00', column.timestamp(), true)).toBe('2023-01-05T09:00:00.123Z');
  });

  describe('on a machine whose time zone is not UTC', () => {
    const zone = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = 'America/New_York'; // Node applies a TZ change at once
    });
    afterAll(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });

    it('takes a timestamp without a zone as UTC, as a date alone is', () => {
      expect(new Date(2023, 0, 5).getTimezoneOffset()).toBe(300);
      expect(convert('2023-01-05T10:00:00', column.timestamp(), true)).toBe('2023-01-05T10:00:00.000Z');
      expect(convert('2023-07-05 10:00', column.timestamp(), true)).toBe('2023-07-05T10:00:00.000Z');
      expect(convert('2023-07-05', column.timestamp(), true)).toBe('2023-07-05T00:00:00.000Z');
    });
  });
});

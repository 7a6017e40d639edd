import { describe, expect, it } from 'vitest';
import { SluiceConversionError } from '../../src/core/errors.js';
import { collector, rowsOf } from '../helpers/collector.js';

describe('RowCollector, a conversion error the mapper catches', () => {
  it('leaves nothing of the refused row behind: the record goes on and its other rows are whole', () => {
    const c = collector(1);
    c.begin(1);
    c.emit('person', { id: 1, name: 'Ann', born: '1980-01-02' });
    // id and name convert, then born does not: the mapper catches that and emits the row without it.
    expect(() => c.emit('person', { id: 2, name: 'Bob', born: '2023-13-01' })).toThrow(SluiceConversionError);
    c.emit('person', { id: 2, name: 'Bob' });
    c.emit('phone', { person_id: 2, number: '+1-556' });
    c.end(0, true);
    expect(rowsOf(c, 0)).toEqual([
      [1, 'Ann', '1980-01-02'],
      [2, 'Bob', null],
    ]);
    expect(rowsOf(c, 1)).toEqual([[2, '+1-556']]);
    expect(c.result().map((t) => [...t.ends])).toEqual([[2], [1]]);
  });
});

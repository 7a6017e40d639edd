import { describe, expect, it } from 'vitest';
import { SluiceConversionError } from '../../src/core/errors.js';
import { collector, rowsOf } from '../helpers/collector.js';

describe('RowCollector, a failed record', () => {
  it("drops every row the record emitted, in every table, and keeps the others' rows and row ends", () => {
    const c = collector(3);
    c.begin(1);
    c.emit('person', { id: 1, name: 'Ann', born: '1980-01-02' });
    c.emit('phone', { person_id: 1, number: '+1-555' });
    c.end(0, true);

    c.begin(2);
    c.emit('person', { id: 2, name: 'Bob' });
    c.emit('phone', { person_id: 2, number: '+1-556' });
    c.emit('phone', { person_id: 2, number: '+1-557' });
    c.end(1, false); // the mapper threw after emitting

    c.begin(3);
    c.emit('phone', { person_id: 3, number: '+1-558' });
    c.end(2, true);

    expect(rowsOf(c, 0)).toEqual([[1, 'Ann', '1980-01-02']]);
    expect(rowsOf(c, 1)).toEqual([[1, '+1-555'], [3, '+1-558']]);
    expect(c.result().map((t) => [...t.ends])).toEqual([[1, 1, 1], [1, 1, 2]]);
  });

  it('a value that does not convert throws before anything of that row is kept', () => {
    const c = collector(1);
    c.begin(9);
    c.emit('person', { id: 9, name: 'Cy' });
    expect(() => c.emit('person', { id: 10, name: 'Di', born: '2023-13-01' })).toThrow(SluiceConversionError);
    c.end(0, false);
    expect(c.result()[0]!.values).toEqual([]);
  });

  it('begin() sets the key the mapper reads from its context', () => {
    const c = collector(2);
    c.begin('A-7');
    expect(c.key).toBe('A-7');
  });
});

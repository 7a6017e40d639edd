import { describe, expect, it } from 'vitest';
import { XmlField } from '../../src/xml/index.js';
import { collector, rowsOf } from '../helpers/collector.js';

describe('RowCollector, values', () => {
  it('stores values converted to the column types, in column order, with NULL for an absent nullable one', () => {
    const c = collector(1);
    c.begin(1);
    c.emit('person', { name: new XmlField('Ann', '/P/Name'), id: '7', born: undefined });
    c.emit('person', { id: 8, name: 12, born: new XmlField(' 2020-02-03 ', '/P/Born') });
    c.end(0, true);
    expect(rowsOf(c, 0)).toEqual([[7, 'Ann', null], [8, '12', '2020-02-03']]);
  });

  it('counts the bytes of what it keeps: text by its length, every value something, each row alike', () => {
    const short = collector(1);
    short.begin(1);
    short.emit('phone', { person_id: 1, number: '' });
    const long = collector(1);
    long.begin(1);
    long.emit('phone', { person_id: 1, number: 'x'.repeat(100) });
    expect(long.bytes - short.bytes).toBe(100);
    expect(short.bytes).toBeGreaterThanOrEqual(8);

    const c = collector(2);
    c.begin(1);
    c.emit('person', { id: 1, name: 'a' });
    const one = c.bytes;
    c.emit('person', { id: 2, name: 'b' });
    expect(c.bytes).toBe(2 * one);
  });
});

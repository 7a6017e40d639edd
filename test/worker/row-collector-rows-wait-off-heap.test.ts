import { describe, expect, it } from 'vitest';
import { heapAfterCollection } from '../helpers/heap-after-collection.js';
import { collector, rowsOf } from '../helpers/collector.js';

// The property itself: what a task's collected rows keep in the JavaScript heap (which a worker's
// young-generation collections copy and promote) against what they hold, after full collections.

const RECORDS = 200;
/** Characters of each record's name: 200 records of 20,000 two-byte characters is 8 MB as strings. */
const NAME = 20_000;

describe('RowCollector', () => {
  it("keeps a task's string values outside the JavaScript heap as each record closes", () => {
    const c = collector(RECORDS);
    const before = heapAfterCollection();
    for (let i = 0; i < RECORDS; i++) {
      c.begin(i + 1);
      // A string of its own each (not a view, not a constant), beyond Latin-1: two bytes a character.
      c.emit('person', { id: i + 1, name: `${i}ŋ`.repeat(NAME / `${i}ŋ`.length) });
      c.emit('phone', { person_id: i + 1, number: `+1-555-${String(i).padStart(4, '0')}` });
      c.end(i, true);
    }
    const kept = heapAfterCollection() - before;
    // As strings the values would keep about 8 MB; the sizes, counts and numbers are kilobytes.
    expect(kept).toBeLessThan(2 ** 20);
    const people = rowsOf(c, 0);
    expect(people).toHaveLength(RECORDS);
    expect(people[RECORDS - 1]).toEqual([RECORDS, `${RECORDS - 1}ŋ`.repeat(NAME / `${RECORDS - 1}ŋ`.length), null]);
    expect(rowsOf(c, 1)[7]).toEqual([8, '+1-555-0007']);
  });
});

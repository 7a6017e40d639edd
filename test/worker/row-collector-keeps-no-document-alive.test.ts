import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';
import { heapAfterCollection } from '../helpers/heap-after-collection.js';
import { collector } from '../helpers/collector.js';

// The property itself: the heap a task's rows keep, measured after a full collection.

const DOCS = 20;
/** Characters of each document beyond its values: 2 MiB. */
const PADDING = 2 ** 21;

describe('RowCollector', () => {
  it('keeps the values it collects, not the documents they were read from', () => {
    const c = collector(DOCS);
    const before = heapAfterCollection();
    for (let i = 0; i < DOCS; i++) {
      // Values of 13 characters (the shortest V8 cuts as a view into the document) and more; a
      // record's values of a table become one string: a person's two, and a phone's one beside an
      // empty one (of one string and empty ones, join returns that string, a view).
      const doc = parseXml(
        `<p><name>person number ${i}, here</name><born>2000-01-02</born><phone>${String(i).padStart(13, '0')}</phone><fax></fax><pager>${'9'.repeat(70_000)}</pager><pad>${'x'.repeat(PADDING)}</pad></p>`,
      );
      c.begin(i + 1);
      c.emit('person', { id: i + 1, name: doc.root.field('name'), born: doc.root.field('born') });
      c.emit('phone', { person_id: i + 1, number: doc.root.field('phone') });
      c.emit('phone', { person_id: i + 1, number: doc.root.field('fax') });
      // Longer than a packed length says: carried apart, and still not a view.
      c.emit('phone', { person_id: i + 1, number: doc.root.field('pager') });
      c.end(i, true);
    }
    const kept = heapAfterCollection() - before;
    // Twenty documents of 2 MiB each would be 40 MiB; the values are a few kilobytes.
    expect(kept).toBeLessThan(4 * 2 ** 20);
    expect(c.result()[0]!.values.slice(-3)).toEqual([20, 'person number 19, here', '2000-01-02']);
    expect(c.result()[1]!.values.slice(-6)).toEqual([20, '0000000000019', 20, '', 20, '9'.repeat(70_000)]);
  });
});

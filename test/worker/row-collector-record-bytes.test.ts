import { describe, expect, it } from 'vitest';
import { STRING_HEAP_BYTES, VALUE_HEAP_BYTES } from '../../src/worker/row-collector.js';
import { collector } from '../helpers/collector.js';

describe('RowCollector, bytes per record', () => {
  it('estimates what each record\'s rows cost on the main thread, and nothing for a record rolled back', () => {
    const c = collector(3);
    c.begin(1);
    c.emit('phone', { person_id: 1, number: '555' });
    c.emit('phone', { person_id: 1, number: '12345' });
    c.end(0, true);
    c.begin(2);
    c.emit('phone', { person_id: 2, number: 'x'.repeat(50) });
    c.end(1, false); // failed: its rows are dropped, and so is their cost
    c.begin(3);
    c.emit('person', { id: 3, name: 'Ann', born: undefined });
    c.end(2, true);
    const phone = (chars: number) => VALUE_HEAP_BYTES + STRING_HEAP_BYTES + chars;
    expect([...c.recordBytes]).toEqual([phone(3) + phone(5), 0, VALUE_HEAP_BYTES + STRING_HEAP_BYTES + 3 + VALUE_HEAP_BYTES]);
  });
});

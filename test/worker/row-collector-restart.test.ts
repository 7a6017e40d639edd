import { expect, it } from 'vitest';
import { collector, rowsOf } from '../helpers/collector.js';

// The worker restarts a record that its compiled mapping could not map, and maps it again
// through the tree: the first attempt's rows and bytes must not remain.
it("restart() drops the record's rows and bytes so far, and the record goes on", () => {
  const c = collector(2);
  c.begin(1);
  c.emit('person', { id: 1, name: 'Ann' });
  c.end(0, true);
  const firstBytes = c.recordBytes[0]!;

  c.begin(2);
  c.emit('person', { id: 2, name: 'Bob' });
  c.emitValues(1, [2, '+1-555']);
  c.restart();
  c.emit('person', { id: 2, name: 'Bob' });
  c.end(1, true);

  expect(rowsOf(c, 0)).toEqual([[1, 'Ann', null], [2, 'Bob', null]]);
  expect(rowsOf(c, 1)).toEqual([]);
  expect(c.result().map((t) => [...t.ends])).toEqual([[1, 2], [0, 0]]);
  expect(c.recordBytes[1]).toBe(firstBytes);
});

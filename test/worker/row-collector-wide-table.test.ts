import { describe, expect, it } from 'vitest';
import { column } from '../../src/mapper/column.js';
import { toSchemas } from '../../src/mapper/table.js';
import { RowCollector } from '../../src/worker/row-collector.js';

// A row wider than everything collected so far (a table of 600 columns, each row more values
// than a fresh table's room): every value is kept, none is cut off.
const WIDTH = 600;
const columns = Object.fromEntries(Array.from({ length: WIDTH }, (_, c) => [`c${c}`, c % 2 ? column.integer() : column.text()]));
const [TABLE] = toSchemas({ wide: { columns } });

describe('RowCollector, a very wide table', () => {
  it('keeps every value of rows wider than its room so far', () => {
    const c = new RowCollector([TABLE!], 2);
    const rowOf = (r: number) => Object.fromEntries(Array.from({ length: WIDTH }, (_, k) => [`c${k}`, k % 2 ? r * 1000 + k : `r${r}c${k}`]));
    for (let r = 0; r < 2; r++) {
      c.begin(r + 1);
      c.emit('wide', rowOf(r));
      c.end(r, true);
    }
    const values = c.result()[0]!.values;
    expect(values).toHaveLength(2 * WIDTH);
    expect(values).toEqual([0, 1].flatMap((r) => Object.values(rowOf(r))));
  });
});

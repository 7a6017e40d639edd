import { describe, expect, it } from 'vitest';
import { column, defineMapping, fromArray, parseXml, pipeline, type MappingSpec } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';

const spec: MappingSpec = {
  tables: {
    orders: {
      from: '.',
      columns: {
        id: { ...column.text(), value: '$key' },
        customer: { ...column.text(), path: 'Customer/Name' },
        day: { ...column.date(), path: '@date' },
      },
      primaryKey: ['id'],
    },
    lines: {
      from: 'Lines/Line',
      columns: {
        id: { ...column.text(), value: '$key' },
        n: { ...column.integer(), value: '$index' },
        qty: { ...column.integer(), path: 'Qty' },
      },
    },
  },
};
const xml = (date: string, qty = '2') => `<o:Order xmlns:o="urn:o" date="${date}"><o:Customer><o:Name>Ana</o:Name></o:Customer><o:Lines><o:Line><o:Qty>${qty}</o:Qty></o:Line><o:Line><o:Qty>5</o:Qty></o:Line></o:Lines></o:Order>`;

describe('a declarative mapping', () => {
  it('declares its tables without the path/value fields', () => {
    expect(defineMapping(spec).tables.orders!.columns).toEqual({ id: column.text(), customer: column.text(), day: column.date() });
  });

  it('maps documents in the workers when passed as data, with $key and $index', async () => {
    const sink = new MemorySink();
    const report = await pipeline({
      source: fromArray([
        { key: 'A-1', payload: xml('2026-03-01') },
        { key: 'A-2', payload: xml('2026-02-30') },
      ]),
      sink,
      mapper: spec,
      workers: 1,
    }).run();
    expect(report.counts).toMatchObject({ succeeded: 1, failed: 1 });
    expect(sink.rows.get('orders')).toEqual([['A-1', 'Ana', '2026-03-01']]);
    expect(sink.rows.get('lines')).toEqual([['A-1', 1, 2], ['A-1', 2, 5]]);
    expect(sink.log.get('A-2')!.error).toContain('orders.day: cannot convert "2026-02-30" at /o:Order/@date');
  });

  it('refuses a column with neither a path nor a value', () => {
    expect(() => defineMapping({ tables: { t: { from: '.', columns: { c: column.text() } } } })).toThrow(/mapping t.c: give exactly one of path, value/);
    expect(parseXml('<a/>').root.local).toBe('a');
  });
});

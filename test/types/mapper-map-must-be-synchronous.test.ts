import { describe, expect, expectTypeOf, it } from 'vitest';
import { column, defineMapper, type MapContext, type Mapper, type XmlDocument } from 'sluice';

// Checked by `npm run typecheck` (tsc over test/): an unused @ts-expect-error or a failed
// expectTypeOf is a compile error there. What runs below only shows the objects are built.

const tables = { item: { columns: { id: column.integer() }, primaryKey: ['id'] } } as const;
type MapFn = (doc: XmlDocument, ctx: MapContext<typeof tables>) => unknown;

describe('Mapper.map is synchronous in its type', () => {
  it('accepts a map that emits and returns nothing, or returns ctx.skip()', () => {
    const mapper = defineMapper({
      tables,
      map(doc, ctx) {
        if (!doc.root.get('Id')) return ctx.skip('no Id');
        ctx.emit('item', { id: ctx.key });
      },
    });
    expectTypeOf<(doc: XmlDocument, ctx: MapContext<typeof tables>) => void>().toExtend<Mapper<typeof tables>['map']>();
    expect(typeof mapper.map).toBe('function');
  });

  it('rejects a map that returns a Promise, async or not', () => {
    expectTypeOf<(doc: XmlDocument, ctx: MapContext<typeof tables>) => Promise<void>>().not.toExtend<Mapper<typeof tables>['map']>();
    expectTypeOf<(doc: XmlDocument, ctx: MapContext<typeof tables>) => PromiseLike<void>>().not.toExtend<Mapper<typeof tables>['map']>();
    const mappers = [
      defineMapper({
        tables,
        // @ts-expect-error an async map's rows would come after the record was logged
        async map(_doc, ctx) {
          await Promise.resolve();
          ctx.emit('item', { id: ctx.key });
        },
      }),
      // @ts-expect-error a Promise is not a valid result, declared async or not
      defineMapper({ tables, map: ((_doc, ctx) => Promise.resolve().then(() => ctx.emit('item', { id: ctx.key }))) satisfies MapFn }),
    ];
    expect(mappers).toHaveLength(2);
  });
});

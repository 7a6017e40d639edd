// The mapper of bench/memory/memory-peak.ts: one small row per record, so rows cost nothing and the
// peak is the documents and their parsed trees.
import { column, defineMapper } from '../../dist/index.js';

export default defineMapper({
  tables: { doc: { columns: { id: column.integer(), elements: column.integer() }, primaryKey: ['id'] } },
  map(doc, ctx) {
    ctx.emit('doc', { id: ctx.key, elements: doc.root.children.length });
  },
});

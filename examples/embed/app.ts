// A small app that embeds a Sluice pipeline: loads the directory of XML files given on the
// command line into a SQLite file with a declarative mapping, shows progress, and stops cleanly
// on Ctrl-C. Run from the repository root after `npm run build`:
//
//   node --import jiti/register examples/embed/app.ts ./inbox ./inbox.db
//
import { column, fromDirectory, pipeline, sqliteSink, type MappingSpec } from 'sluice';

const [dir = './inbox', db = './inbox.db'] = process.argv.slice(2);

// Each <Order> file becomes one `orders` row and one `order_lines` row per <Line>.
const mapping: MappingSpec = {
  tables: {
    orders: {
      from: '.',
      columns: {
        order_id: { ...column.text(), value: '$key' },
        customer: { ...column.text({ maxLength: 200 }), path: 'Customer/Name' },
        ordered_on: { ...column.date(), path: '@date' },
      },
      primaryKey: ['order_id'],
    },
    order_lines: {
      from: 'Lines/Line',
      columns: {
        order_id: { ...column.text(), value: '$key' },
        line_no: { ...column.integer(), value: '$index' },
        sku: { ...column.text(), path: 'Sku' },
        quantity: { ...column.integer(), path: 'Qty' },
        price: { ...column.decimal({ precision: 12, scale: 2 }), path: 'Price' },
      },
      primaryKey: ['order_id', 'line_no'],
    },
  },
};

const controller = new AbortController();
process.once('SIGINT', () => controller.abort('SIGINT'));

const load = pipeline({
  source: fromDirectory(dir),
  sink: sqliteSink({ file: db }),
  mapper: mapping, // a declarative mapping travels to the workers as data
  workers: 2,
  signal: controller.signal,
});

load.progress$.subscribe((p) => process.stdout.write(`\r${p.succeeded} loaded, ${p.failed} failed`));
const report = await load.run();
process.stdout.write(`\n${report.status.state}: ${report.counts.succeeded} orders in ${report.durationMillis} ms\n`);
for (const e of report.topErrors) console.log(`${e.count}× ${e.message}`);

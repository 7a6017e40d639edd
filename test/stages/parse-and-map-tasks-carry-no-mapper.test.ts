import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fromXmlFile, openFlow, parseAndMap, readSource, settleRecords } from 'sluice';
import { stateOf } from '../../src/stages/flow.js';
import type { WorkerTask } from '../../src/worker/worker-task.js';
import { PERSON_MAPPER, personXml, tempDir } from '../helpers/people.js';

// A task is copied to its worker: it carries the records and the parse limits, not the mapper
// (which every thread preloaded as it started; a declarative mapping is kilobytes of it).
describe('parse-and-map', () => {
  it("sends the workers each page's keys, payloads and limits, and no mapper", async () => {
    const file = join(tempDir(), 'people.xml');
    writeFileSync(file, `<People>${[1, 2, 3, 4, 5].map((id) => personXml(id, 1)).join('')}</People>`);
    const flow = await openFlow({ mapper: PERSON_MAPPER, workers: 1, taskSize: 2 });
    const pool = stateOf(flow).pool;
    const run = pool.run.bind(pool);
    const tasks: WorkerTask[] = [];
    (pool as { run: typeof pool.run }).run = (task) => {
      tasks.push(task);
      return run(task);
    };
    const batches = await lastValueFrom(
      readSource(flow, fromXmlFile(file, { element: 'Person', keyAttribute: 'id' })).pipe(parseAndMap(flow), settleRecords(flow), toArray()),
    );
    await flow.close();

    expect(batches.flatMap((b) => b.keys)).toEqual([1, 2, 3, 4, 5]);
    expect(tasks.flatMap((t) => t.keys)).toEqual([1, 2, 3, 4, 5]);
    for (const task of tasks) expect(Object.keys(task).sort()).toEqual(['keys', 'limits', 'payloads']);
  });
});

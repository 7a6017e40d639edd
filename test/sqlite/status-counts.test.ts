import { describe, expect, it } from 'vitest';
import { modulo, pipeline, sqliteSink, sqliteSource, sqliteStatus } from 'sluice';
import { PERSON_MAPPER, personXml, seedPeople } from '../helpers/people.js';

describe('sqliteStatus', () => {
  it('counts processing_log entries by status and by instance', async () => {
    const file = seedPeople(90, (id) => (id % 10 === 0 ? '<Person>' : personXml(id)));
    expect(sqliteStatus({ file })).toEqual({ database: file, log: { succeeded: 0, failed: 0, skipped: 0 }, instances: [], versions: [] });
    for (const i of [0, 1]) {
      await pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: PERSON_MAPPER, workers: 1, partition: modulo(i, 3) }).run();
    }
    const s = sqliteStatus({ file });
    expect(s.log).toEqual({ succeeded: 54, failed: 6, skipped: 0 });
    expect(s.instances.map(({ lastFinishedAt: _, ...rest }) => rest)).toEqual([
      { instanceId: 0, instanceCount: 3, succeeded: 27, failed: 3, skipped: 0 },
      { instanceId: 1, instanceCount: 3, succeeded: 27, failed: 3, skipped: 0 },
    ]);
    expect(s.instances[0]!.lastFinishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

import { describe, expect, it } from 'vitest';
import { fromArray, pipeline, type FlowEvent } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

describe('events$', () => {
  it('tells an embedding app of every commit and every record failure', async () => {
    const sink = new MemorySink();
    const load = pipeline({
      source: fromArray(Array.from({ length: 60 }, (_, i) => ({ key: i + 1, payload: i + 1 === 13 ? '<Person>' : personXml(i + 1) }))),
      sink,
      mapper: PERSON_MAPPER,
      workers: 1,
      batchSize: 20,
    });
    const events: FlowEvent[] = [];
    let completed = false;
    load.events$.subscribe({ next: (e) => events.push(e), complete: () => (completed = true) });
    await load.run();

    const commits = events.filter((e) => e.type === 'committed');
    expect(commits).toHaveLength(sink.writes);
    expect(commits.flatMap((c) => c.entries.map((e) => e.key)).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(commits.reduce((n, c) => n + c.rows, 0)).toBe(59 * 3);
    const failures = events.filter((e) => e.type === 'failed');
    expect(failures).toEqual([{ type: 'failed', key: 13, error: expect.stringMatching(/^record 13: XmlSyntaxError: /) as unknown }]);
    expect(completed).toBe(true);
  });
});

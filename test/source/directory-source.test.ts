import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDirectory, pipeline } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml, tempDir } from '../helpers/people.js';

describe('fromDirectory', () => {
  it('reads one record per .xml file in name order, keys from file names, other files ignored', async () => {
    const dir = tempDir();
    for (const id of [3, 1, 2, 10]) writeFileSync(join(dir, `${id}.xml`), personXml(id));
    writeFileSync(join(dir, 'notes.txt'), 'not xml');
    mkdirSync(join(dir, 'sub.xml'));
    const pages: unknown[][] = [];
    for await (const page of fromDirectory(dir).pages({ pageSize: 3, partition: {} })) pages.push(page.map((r) => r.key));
    expect(pages).toEqual([[1, 10, 2], [3]]);
  });

  it('loads the files through a pipeline, and a partition filter applies', async () => {
    const dir = tempDir();
    for (let id = 1; id <= 30; id++) writeFileSync(join(dir, `${id}.xml`), personXml(id));
    const sink = new MemorySink();
    const report = await pipeline({ source: fromDirectory(dir), sink, mapper: PERSON_MAPPER, workers: 1, partition: { modulo: { index: 1, count: 3 } } }).run();
    expect(report.counts.succeeded).toBe(10);
    expect([...sink.log.keys()].every((k) => (k as number) % 3 === 1)).toBe(true);
  });
});

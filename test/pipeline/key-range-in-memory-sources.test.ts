import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromArray, fromDirectory, fromXmlFile, keyRange, pipeline, type Source } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml, tempDir } from '../helpers/people.js';

const IDS = Array.from({ length: 30 }, (_, i) => i + 1);

/** The same 30 people from each kind of source that cannot filter keys itself. */
const sources: [string, () => Source][] = [
  ['an array', () => fromArray(IDS.map((id) => ({ key: id, payload: personXml(id) })))],
  [
    'a directory',
    () => {
      const dir = tempDir();
      for (const id of IDS) writeFileSync(join(dir, `${id}.xml`), personXml(id));
      return fromDirectory(dir);
    },
  ],
  [
    'one large file',
    () => {
      const file = join(tempDir(), 'people.xml');
      writeFileSync(file, `<People>${IDS.map((id) => personXml(id)).join('')}</People>`);
      return fromXmlFile(file, { element: 'Person', keyAttribute: 'id' });
    },
  ],
];

describe('a key range over sources that do not filter keys themselves', () => {
  it.each(sources)('from %s, only the keys in the range are processed and logged', async (_kind, source) => {
    const sink = new MemorySink();
    const report = await pipeline({ source: source(), sink, mapper: PERSON_MAPPER, workers: 1, taskSize: 4, partition: keyRange(8, 17) }).run();

    const inRange = IDS.filter((id) => id >= 8 && id <= 17);
    expect([...sink.log.keys()].sort((a, b) => Number(a) - Number(b))).toEqual(inRange);
    expect(sink.rows.get('person')!.map((r) => r[0]).sort((a, b) => Number(a) - Number(b))).toEqual(inRange);
    expect(report.counts).toMatchObject({ succeeded: 10, failed: 0, skipped: 0 });
    expect(report.partition).toBe('key ≥ 8, key ≤ 17');
  });
});

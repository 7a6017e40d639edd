import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fromXmlFile, openFlow, parseAndMap, readSource, recordsOf, settleRecords } from 'sluice';
import { PERSON_MAPPER, personXml, tempDir } from '../helpers/people.js';

describe('parse-and-map alone', () => {
  it('previews the rows of an XML file in your own subscriber, with no sink (a dry run)', async () => {
    const file = join(tempDir(), 'people.xml');
    writeFileSync(file, `<People>${[1, 2, 3].map((id) => personXml(id, 1)).join('')}<Person id="4"><Name>x</Name><Born>1990-02-30</Born></Person></People>`);
    const flow = await openFlow({ mapper: PERSON_MAPPER, workers: 1 });
    const batches = await lastValueFrom(
      readSource(flow, fromXmlFile(file, { element: 'Person', keyAttribute: 'id' })).pipe(parseAndMap(flow), settleRecords(flow), toArray()),
    );
    await flow.close();

    const records = batches.flatMap((b) => recordsOf(flow, b));
    expect(records.slice(0, 3)).toEqual(
      [1, 2, 3].map((id) => ({
        key: id,
        status: 'succeeded',
        rows: { person: [{ id, name: `Person ${id}`, born: `1980-01-0${id + 1}` }], phone: [{ person_id: id, seq: 1, number: `+1-555-${id}-0` }] },
      })),
    );
    expect(records[3]).toMatchObject({ key: 4, status: 'failed', error: expect.stringContaining('cannot convert "1990-02-30"') as unknown });
    const last = await lastValueFrom(flow.progress$);
    expect(last).toMatchObject({ read: 4, succeeded: 3, failed: 1, inFlight: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { fromArray, pipeline } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

describe('payloads given as UTF-8 bytes', () => {
  it('are parsed like text (BOM dropped); bytes that are not UTF-8 fail only their record, named', async () => {
    const utf8 = (s: string) => new TextEncoder().encode(s);
    const sink = new MemorySink();
    const report = await pipeline({
      source: fromArray([
        { key: 1, payload: personXml(1) },
        { key: 2, payload: utf8(personXml(2).replace('Person 2', 'Zoë Ünal 漢字')) },
        { key: 3, payload: Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8(personXml(3))) },
        { key: 4, payload: Uint8Array.of(...utf8('<Person id="4"><Name>'), 0xc3, 0x28, ...utf8('</Name></Person>')) },
      ]),
      sink,
      mapper: PERSON_MAPPER,
      workers: 1,
    }).run();

    expect(report.counts).toMatchObject({ read: 4, succeeded: 3, failed: 1 });
    expect(sink.rows.get('person')!.map((r) => r[1])).toEqual(['Person 1', 'Zoë Ünal 漢字', 'Person 3']);
    expect(sink.log.get(4)).toMatchObject({ status: 'failed' });
    expect(sink.log.get(4)!.error).toMatch(/^record 4: XmlEncodingError: the document's bytes are not valid utf-8/);
  });
});

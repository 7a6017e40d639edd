import { describe, expect, it } from 'vitest';
import { fromArray, pipeline } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';
import { XmlLimitError, parseXml } from '../../src/xml/index.js';

describe('the element limit', () => {
  it('fails a record whose document has more elements than parse.maxElements, saying where, how many and what to do, and loads the rest', async () => {
    // personXml(id, phones): Person, Name, Born, Phones and the phones: 4 + phones elements.
    const records = [
      { key: 1, payload: personXml(1, 6) }, // 10 elements: at the limit
      { key: 2, payload: personXml(2, 7) }, // 11: one over
      { key: 3, payload: personXml(3, 1) },
    ];
    const sink = new MemorySink();
    const report = await pipeline({ source: fromArray(records), sink, mapper: PERSON_MAPPER, workers: 1, parse: { maxElements: 10 } }).run();

    expect(report.counts).toMatchObject({ read: 3, succeeded: 2, failed: 1 });
    const failed = sink.log.get(2)!;
    expect(failed.status).toBe('failed');
    const at = personXml(2, 7).indexOf('<Phone>+1-555-2-6</Phone>') + '<Phone>'.length;
    expect(failed.error).toBe(
      `record 2: XmlLimitError: 1:${at}: element <Phone> is element number 11 of the document, over the maxElements limit of 10; raise parse.maxElements (--max-elements) if such documents are expected; each element costs about 100-230 bytes in a worker`,
    );
    expect(() => parseXml(personXml(2, 7), { maxElements: 10 })).toThrow(XmlLimitError);
    expect(() => parseXml('<a/>', { maxElements: 0 })).toThrow('parse.maxElements must be an integer ≥ 1; got 0');
  });
});

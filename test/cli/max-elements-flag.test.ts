import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';
import { PERSON_MAPPER, personXml, query, seedPeople } from '../helpers/people.js';

describe('--max-elements', () => {
  it('sets parse.maxElements: a document with more elements fails its record with the limit\'s message, the others load', () => {
    // 4 + 2 phones = 6 elements each, but person 3 has 7 phones: 11.
    const db = seedPeople(5, (id) => personXml(id, id === 3 ? 7 : 2));
    const r = sluice(['run', '--source', `sqlite:${db}`, '--sink', `sqlite:${db}`, '--mapper', PERSON_MAPPER, '--no-progress', '--no-metrics', '--workers', '1', '--max-elements', '10']);
    expect(r.code, r.stderr).toBe(0);
    const log = query<{ app_id: number; status: string; error: string | null }>(db, 'SELECT key AS app_id, status, error FROM processing_log ORDER BY key');
    expect(log.map((e) => e.status)).toEqual(['succeeded', 'succeeded', 'failed', 'succeeded', 'succeeded']);
    expect(log[2]!.error).toMatch(/XmlLimitError: 1:\d+: element <Phone> is element number 11 of the document, over the maxElements limit of 10; raise parse.maxElements \(--max-elements\)/);
  });
});

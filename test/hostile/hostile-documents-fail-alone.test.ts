import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromArray, pipeline } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

const canary = join(mkdtempSync(join(tmpdir(), 'sluice-xxe-')), 'secret.txt');
writeFileSync(canary, 'CANARY-7f3a9c');

const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('');
const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${levels}]><Person><Name>&lol10;</Name></Person>`;
const quadratic = `<!DOCTYPE p [<!ENTITY a "${'a'.repeat(50_000)}">]><Person><Name>${'&a;'.repeat(20_000)}</Name></Person>`;
const xxe = `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY xxe SYSTEM "file://${canary}">]><Person><Name>&xxe;</Name></Person>`;
const dtd = `<?xml version="1.0"?><!DOCTYPE Person SYSTEM "file://${canary}"><Person><Name>x</Name></Person>`;
const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;

describe('hostile documents', () => {
  it('each fails its own record with a clear error; nothing is read because of a document; others load', async () => {
    const hostile: Record<number, string> = { 3: laughs, 5: xxe, 7: dtd, 9: deep, 11: quadratic };
    const sink = new MemorySink();
    const report = await pipeline({
      source: fromArray(Array.from({ length: 20 }, (_, i) => ({ key: i + 1, payload: hostile[i + 1] ?? personXml(i + 1) }))),
      sink,
      mapper: PERSON_MAPPER,
      workers: 1,
    }).run();

    expect(report.counts).toMatchObject({ read: 20, succeeded: 16, failed: 4 });
    for (const key of [3, 11]) expect(sink.log.get(key)!.error).toMatch(new RegExp(`^record ${key}: XmlLimitError: .*over the maxEntityExpansionChars limit of 1000000`));
    expect(sink.log.get(5)!.error).toMatch(/^record 5: XmlForbiddenError: .*entity &xxe; is external .*never fetches or reads/);
    // The external DTD is not read, so the document loads as it is.
    expect(sink.log.get(7)).toMatchObject({ status: 'succeeded' });
    expect(sink.log.get(9)!.error).toMatch(/^record 9: XmlLimitError: .*nested 257 deep, over the maxDepth limit of 256/);
    const everything = JSON.stringify([...sink.log.values(), ...sink.rows.values()]);
    expect(everything).not.toContain('CANARY');
    expect(report.memory.peakRssMb).toBeLessThan(1024);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromArray, pipeline } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER, personXml } from '../helpers/people.js';

const canary = join(mkdtempSync(join(tmpdir(), 'sluice-xxe-')), 'secret.txt');
writeFileSync(canary, 'CANARY-7f3a9c');

const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;">]><Person><Name>&lol9;</Name></Person>`;
const xxe = `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY xxe SYSTEM "file://${canary}">]><Person><Name>&xxe;</Name></Person>`;
const dtd = `<?xml version="1.0"?><!DOCTYPE Person SYSTEM "file://${canary}"><Person><Name>x</Name></Person>`;
const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;

describe('hostile documents', () => {
  it('each fails its own record with a clear error; nothing is read because of a document; others load', async () => {
    const hostile: Record<number, string> = { 3: laughs, 5: xxe, 7: dtd, 9: deep };
    const sink = new MemorySink();
    const report = await pipeline({
      source: fromArray(Array.from({ length: 20 }, (_, i) => ({ key: i + 1, payload: hostile[i + 1] ?? personXml(i + 1) }))),
      sink,
      mapper: PERSON_MAPPER,
      workers: 1,
    }).run();

    expect(report.counts).toMatchObject({ read: 20, succeeded: 16, failed: 4 });
    for (const key of [3, 5, 7]) {
      expect(sink.log.get(key)!.error).toMatch(new RegExp(`^record ${key}: XmlForbiddenError: .*DOCTYPE declarations are not allowed`));
    }
    expect(sink.log.get(9)!.error).toMatch(/^record 9: XmlLimitError: .*nested 257 deep, over the maxDepth limit of 256/);
    const everything = JSON.stringify([...sink.log.values(), ...sink.rows.values()]);
    expect(everything).not.toContain('CANARY');
    expect(report.memory.peakRssMb).toBeLessThan(1024);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { column, fromXmlFile, pipeline, type MappingSpec } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { tempDir } from '../helpers/people.js';

const mapping: MappingSpec = { tables: { kanji: { from: '.', columns: { literal: { ...column.text(), path: 'literal' } } } } };

describe('fromXmlFile keys', () => {
  const dir = tempDir();

  it('a record without its key attribute fails alone, named by its position; the others load', async () => {
    const file = join(dir, 'apps.xml');
    writeFileSync(file, '<r><character id="1"><literal>亜</literal></character><character><literal>唖</literal></character><character id="3"><literal>娃</literal></character></r>');
    const sink = new MemorySink();
    const report = await pipeline({ source: fromXmlFile(file, { element: 'character', keyAttribute: 'id' }), sink, mapper: mapping, workers: 1 }).run();
    expect(report.counts).toMatchObject({ read: 3, succeeded: 2, failed: 1 });
    expect(sink.rows.get('kanji')).toEqual([['亜'], ['娃']]);
    expect([...sink.log.entries()].map(([k, e]) => [k, e.status])).toEqual([[1, 'succeeded'], ['#2', 'failed'], [3, 'succeeded']]);
    expect(sink.log.get('#2')!.error).toMatch(/^record #2: record #2 of the file \(the 2nd <character>\) has no key: <character>; add the key/);
  });

  it('the key may come from a child element\'s text (kanjidic2: <literal>), entities decoded', async () => {
    const file = join(dir, 'kanji.xml');
    writeFileSync(file, '<kanjidic2><character><literal>亜</literal><misc><literal>no</literal></misc></character><character><x:literal xmlns:x="u"> A&amp;B </x:literal></character><character/></kanjidic2>');
    const out: unknown[] = [];
    for await (const page of fromXmlFile(file, { element: 'character', keyElement: 'literal' }).pages({ pageSize: 10, partition: {} })) out.push(...page.map((r) => [r.key, r.unreadable !== undefined]));
    expect(out).toEqual([['亜', false], ['A&B', false], ['#3', true]]);
  });

  it('keyAttribute and keyElement together are a configuration error', () => {
    expect(() => fromXmlFile('x.xml', { element: 'a', keyAttribute: 'id', keyElement: 'id' })).toThrow(/give one of keyAttribute, keyElement and keyPath/);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { column, fromXmlFile, pipeline, type MappingSpec } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { tempDir } from '../helpers/people.js';

const FILE = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment with <ca:Application id="0"> in it -->
<ca:Applications xmlns:ca="urn:example:credit">
  <ca:Application id="7"><ca:Name>Zoë</ca:Name><ca:Note><![CDATA[not </ca:Application> here]]></ca:Note></ca:Application>
  <ca:Application id='8'><ca:Name>李雷</ca:Name><ca:Prior><ca:Application id="x"/></ca:Prior></ca:Application>
  <ca:Application id="9" />
  <ca:ApplicationCount>3</ca:ApplicationCount>
</ca:Applications>
`;

async function cut(file: string, chunkBytes: number, maxPayloadBytes?: number) {
  const records = [];
  for await (const page of fromXmlFile(file, { element: 'Application', keyAttribute: 'id', chunkBytes }).pages({ pageSize: 2, partition: {}, ...(maxPayloadBytes && { maxPayloadBytes }) })) {
    records.push(...page);
  }
  return records;
}

describe('fromXmlFile', () => {
  const file = join(tempDir(), 'apps.xml');
  writeFileSync(file, FILE);

  it('cuts records by element at every chunk boundary, nesting, comments and CDATA included, with the root namespaces', async () => {
    const expected = await cut(file, 1 << 20);
    expect(expected.map((r) => r.key)).toEqual([7, 8, 9]);
    expect(expected[0]!.payload).toBe('<ca:Application id="7" xmlns:ca="urn:example:credit"><ca:Name>Zoë</ca:Name><ca:Note><![CDATA[not </ca:Application> here]]></ca:Note></ca:Application>');
    expect(expected[2]!.payload).toBe('<ca:Application id="9"  xmlns:ca="urn:example:credit"/>');
    for (let chunk = 1; chunk <= 64; chunk++) expect(await cut(file, chunk), `chunk ${chunk}`).toEqual(expected);
  });

  it('withholds a record over the size limit, reporting its size in the file', async () => {
    const records = await cut(file, 16, 100);
    const inFile = (from: string, to: string) => Buffer.byteLength(FILE.slice(FILE.indexOf(from), FILE.indexOf(to, FILE.indexOf(from)) + to.length));
    const sizes = [inFile('<ca:Application id="7">', '</ca:Note></ca:Application>'), inFile("<ca:Application id='8'>", '</ca:Prior></ca:Application>')];
    expect(sizes.every((n) => n > 100)).toBe(true);
    expect(records.map((r) => [r.key, r.withheldBytes, r.payload])).toEqual([[7, sizes[0], ''], [8, sizes[1], ''], [9, undefined, '<ca:Application id="9"  xmlns:ca="urn:example:credit"/>']]);
  });

  it('loads through a pipeline', async () => {
    const mapping: MappingSpec = {
      tables: { app: { from: '.', columns: { id: { ...column.integer(), path: '@id' }, name: { ...column.text({ nullable: true }), path: 'Name' } } } },
    };
    const sink = new MemorySink();
    const report = await pipeline({ source: fromXmlFile(file, { element: 'Application', keyAttribute: 'id' }), sink, mapper: mapping, workers: 1 }).run();
    expect(report.counts).toMatchObject({ read: 3, succeeded: 3 });
    expect(sink.rows.get('app')).toEqual([[7, 'Zoë'], [8, '李雷'], [9, null]]);
  });

  it('refuses a file that ends inside a record', async () => {
    const bad = join(tempDir(), 'bad.xml');
    writeFileSync(bad, '<r><Application id="1"><x>');
    await expect(cut(bad, 8)).rejects.toThrow(/the file ends inside a record that starts with <Application id="1">/);
  });
});

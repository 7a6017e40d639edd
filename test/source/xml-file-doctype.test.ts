import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromXmlFile, parseXml } from 'sluice';
import { tempDir } from '../helpers/people.js';

/** A DOCTYPE whose internal subset holds '>' and '<Person' inside literals and comments. */
const FILE = `<?xml version="1.0"?>
<!DOCTYPE People [
  <!-- a comment with > and <Person id="0"> and it's quote -->
  <!ENTITY co "Acme &amp; Co > Ltd">
  <!ENTITY sample '<Person id="99"/>'>
  <!ATTLIST Person country CDATA "NZ">
  <?pi with > inside?>
]>
<People>
  <Person id="1"><Name>&co;</Name></Person>
  <Person id="2" country="AU"><Name>plain</Name></Person>
</People>
`;

async function records(file: string, chunkBytes: number) {
  const out = [];
  for await (const page of fromXmlFile(file, { element: 'Person', keyAttribute: 'id', chunkBytes }).pages({ pageSize: 10, partition: {} })) out.push(...page);
  return out;
}

describe('fromXmlFile with a DOCTYPE in the file', () => {
  const file = join(tempDir(), 'people.xml');
  writeFileSync(file, FILE);

  it("applies the file's entities and default attributes to every record, at every chunk boundary", async () => {
    const whole = await records(file, 1 << 20);
    expect(whole.map((r) => r.key)).toEqual([1, 2]);
    const docs = whole.map((r) => parseXml(r.payload as string).root);
    expect(docs.map((d) => d.get('Name')?.text())).toEqual(['Acme & Co > Ltd', 'plain']);
    expect(docs.map((d) => d.attr('country'))).toEqual(['NZ', 'AU']);
    for (let chunk = 1; chunk <= 48; chunk++) expect(await records(file, chunk), `chunk ${chunk}`).toEqual(whole);
  });

  it('repeats only the entity and attribute-list declarations, not comments and PIs, in front of each record', async () => {
    const [first] = await records(file, 1 << 20);
    expect(first!.payload).toBe(`<!DOCTYPE People [<!ENTITY co "Acme &amp; Co > Ltd">
<!ENTITY sample '<Person id="99"/>'>
<!ATTLIST Person country CDATA "NZ">]><Person id="1"><Name>&co;</Name></Person>`);
  });

  it('does not repeat a DOCTYPE that declares no entity and no attribute list', async () => {
    const plain = join(tempDir(), 'plain.xml');
    writeFileSync(plain, '<!DOCTYPE People [<!ELEMENT People ANY>]><People><Person id="1"/></People>');
    expect((await records(plain, 7)).map((r) => r.payload)).toEqual(['<Person id="1"/>']);
  });
});

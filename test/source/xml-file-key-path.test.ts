import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromXmlFile, SluiceConfigError, type XmlFileSourceOptions } from 'sluice';
import { tempDir } from '../helpers/people.js';

// Each record has an Id in its Header and another in Other, and a decoy Id before both.
const FILE = `<apps>
  <app><!-- <Header><Id>0</Id></Header> --><Note><Id>1</Id></Note><Header><Ref/><Id>7</Id></Header><Other><Id>70</Id></Other></app>
  <p:app xmlns:p="urn:p"><p:Note><p:Id>2</p:Id></p:Note><p:Header><p:Id>8</p:Id></p:Header><p:Other><p:Id>80</p:Id></p:Other></p:app>
  <app><Header><Id/></Header><Other><Id>90</Id></Other></app>
</apps>`;

async function keys(options: Omit<XmlFileSourceOptions, 'element'>) {
  const file = join(tempDir(), 'apps.xml');
  writeFileSync(file, FILE);
  const out: { key: unknown; unreadable?: string }[] = [];
  for await (const page of fromXmlFile(file, { element: 'app', ...options }).pages({ pageSize: 10, partition: {} })) {
    out.push(...page.map((r) => ({ key: r.key, ...(r.unreadable !== undefined && { unreadable: r.unreadable }) })));
  }
  return out;
}

describe('fromXmlFile keyPath', () => {
  it('takes the text of the element at that path below the record element, prefixes and comments aside', async () => {
    expect((await keys({ keyPath: 'Header/Id' })).map((r) => r.key)).toEqual([7, 8, '#3']);
    expect((await keys({ keyPath: 'Other/Id' })).map((r) => r.key)).toEqual([70, 80, 90]);
    // keyElement finds the name at any depth: the first Id of each record.
    expect((await keys({ keyElement: 'Id' })).map((r) => r.key)).toEqual([1, 2, 90]);
  });

  it('fails a record whose element at the path is empty or missing alone, naming it', async () => {
    const [, , third] = await keys({ keyPath: 'Header/Id' });
    expect(third!.unreadable).toMatch(/record #3 of the file .* has no key/);
    expect((await keys({ keyPath: 'Header/Missing' })).every((r) => r.unreadable !== undefined)).toBe(true);
  });

  it('refuses a path that is not local names, and two ways of finding the key at once', () => {
    expect(() => fromXmlFile('x.xml', { element: 'app', keyPath: 'Header//Id' })).toThrow(SluiceConfigError);
    expect(() => fromXmlFile('x.xml', { element: 'app', keyPath: 'Header/Id', keyElement: 'Id' })).toThrow(/give one of keyAttribute, keyElement and keyPath/);
  });
});

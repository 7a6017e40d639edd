import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';

const xml = `<Application id="7">
  <Applicant kind="primary"><Name>Zoë</Name><Address><City>Oslo</City></Address></Applicant>
  <Applicant kind="co"><Name>Lei</Name><Address><City>Beijing</City></Address><Address><City>Xi'an</City></Address></Applicant>
  <Empty/>
</Application>`;
const root = parseXml(xml).root;

describe('query helpers', () => {
  it('child() returns the first child with the name, all() every one', () => {
    expect(root.child('Applicant')?.attr('kind')).toBe('primary');
    expect(root.all('Applicant').map((a) => a.attr('kind'))).toEqual(['primary', 'co']);
    expect(root.child('Nope')).toBeUndefined();
    expect(root.all('Nope')).toEqual([]);
  });

  it('get() follows a relative path and takes the first match at each step', () => {
    expect(root.get('Applicant/Address/City')?.text()).toBe('Oslo');
    expect(root.get('Applicant/Missing')).toBeUndefined();
  });

  it("get() understands '.' and '..' and a leading '/' for the document root", () => {
    const city = root.get('Applicant/Address/City');
    expect(city?.get('.')).toBe(city);
    expect(city?.get('../..')).toBe(root.child('Applicant'));
    expect(city?.get('/Application/Empty')).toBe(root.child('Empty'));
    expect(city?.get('/Other/Empty')).toBeUndefined();
    expect(city?.getAll('/Application/Applicant/Name').map((n) => n.text())).toEqual(['Zoë', 'Lei']);
    expect(city?.getAll('/Other/Applicant')).toEqual([]);
    expect(root.get('..')).toBeUndefined();
  });

  it('getAll() fans out at every step, in document order', () => {
    expect(root.getAll('Applicant/Address/City').map((c) => c.text())).toEqual(['Oslo', 'Beijing', "Xi'an"]);
    expect(root.getAll('Applicant/Name').map((c) => c.text())).toEqual(['Zoë', 'Lei']);
    expect(root.getAll('Applicant/Nope/City')).toEqual([]);
    expect(root.getAll('.')).toEqual([root]);
  });

  it("getAll() with '..' returns each parent once", () => {
    const applicants = root.getAll('Applicant/Address/..');
    expect(applicants.map((a) => a.attr('kind'))).toEqual(['primary', 'co']);
  });

  it('value() returns untrimmed text, attributes with @, undefined when absent', () => {
    expect(root.value('Applicant/Name')).toBe('Zoë');
    expect(root.value('@id')).toBe('7');
    expect(root.value('Applicant/@kind')).toBe('primary');
    expect(root.value('Applicant/@missing')).toBeUndefined();
    expect(root.value('Missing/@kind')).toBeUndefined();
    expect(root.value('Empty')).toBe('');
    expect(root.value('Missing')).toBeUndefined();
    expect(root.value('/Application/@id')).toBe('7');
  });

  it("value('.') and text() give the element's own text only, whitespace included", () => {
    const applicant = root.child('Applicant');
    expect(applicant?.value('.')).toBe('');
    expect(root.value('.')).toBe('\n  \n  \n  \n');
    expect(root.get('Applicant/Address/City')?.value('.')).toBe('Oslo');
  });

  it('rejects malformed paths with a RangeError naming the path', () => {
    expect(() => root.get('')).toThrow(RangeError);
    expect(() => root.get('Applicant//Name')).toThrow(/invalid XML path "Applicant\/\/Name": empty step/);
    expect(() => root.get('Applicant/')).toThrow(RangeError);
    expect(() => root.get('@id')).toThrow(/@attribute step/);
    expect(() => root.value('@id/Name')).toThrow(/@attribute step/);
    expect(() => root.value('Applicant/@')).toThrow(/missing attribute name/);
  });
});

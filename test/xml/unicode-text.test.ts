import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/index.js';

describe('Unicode names and text', () => {
  it('keeps non-ASCII text and attribute values intact', () => {
    const root = parseXml(
      `<Applicant name="Zoë Ångström" note="🎉 approved"><First>李雷</First><Last>Ångström</Last><Mood>😀👍🏽</Mood></Applicant>`,
    ).root;
    expect(root.attr('name')).toBe('Zoë Ångström');
    expect(root.attr('note')).toBe('🎉 approved');
    expect(root.value('First')).toBe('李雷');
    expect(root.value('Last')).toBe('Ångström');
    expect(root.value('Mood')).toBe('😀👍🏽');
  });

  it('accepts non-ASCII element and attribute names and queries them', () => {
    const root = parseXml(`<Anträge><申请 编号="７"><Prénom>Zoë</Prénom></申请><Ελλάδα/></Anträge>`).root;
    expect(root.name).toBe('Anträge');
    expect(root.value('申请/Prénom')).toBe('Zoë');
    expect(root.value('申请/@编号')).toBe('７');
    expect(root.field('申请/Prénom').path).toBe('/Anträge/申请/Prénom');
    expect(root.child('Ελλάδα')).toBeDefined();
  });

  it('takes prefixes and local names apart correctly in non-ASCII names', () => {
    const root = parseXml(`<ü:Wurzel xmlns:ü="urn:ü"><ü:Kind>ja</ü:Kind></ü:Wurzel>`).root;
    expect(root).toMatchObject({ name: 'ü:Wurzel', local: 'Wurzel', uri: 'urn:ü' });
    expect(root.value('Kind')).toBe('ja');
  });

  it('counts error columns in characters, not UTF-16 code units', () => {
    // '<a>😀😀 <' is 7 characters but 9 code units; the bad character is the second '<'.
    expect(() => parseXml('<a>😀😀 <</a>')).toThrow('1:8: disallowed character in tag name');
  });
});

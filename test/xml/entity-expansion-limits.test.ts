import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { XmlLimitError, XmlSyntaxError, parseXml } from '../../src/xml/index.js';

const MAPPER_ENTRY = fileURLToPath(new URL('../../dist/mapper.js', import.meta.url));

/** Ten levels of ten references: 10^10 "lol"s, 30 GB if expanded. */
const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
${Array.from({ length: 10 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n')}
]>
<lolz>&lol10;</lolz>`;

/** One 50,000-character entity referenced 20,000 times: 1 GB from a 170 KB document. */
const quadratic = `<!DOCTYPE kaboom [<!ENTITY a "${'a'.repeat(50_000)}">]><kaboom>${'&a;'.repeat(20_000)}</kaboom>`;

function limitError(xml: string, limits = {}): XmlLimitError {
  try {
    parseXml(xml, limits);
  } catch (err) {
    if (err instanceof XmlLimitError) return err;
    throw err;
  }
  throw new Error('expected an XmlLimitError');
}

describe('entity expansion is bounded', () => {
  it('billion laughs fails its record with XmlLimitError as the expansion passes the limit', () => {
    const err = limitError(billionLaughs);
    expect(err).toMatchObject({ limit: 'maxEntityExpansionChars', max: 1_000_000 });
    expect(err.actual).toBeLessThan(1_000_100);
    expect(err.message).toMatch(/^15:\d+: expanding entity &lol\d+; brings the document's entity expansion to \d+ characters, over the maxEntityExpansionChars limit of 1000000/);
  });

  it('quadratic blow-up fails the same way, and a smaller limit stops it sooner', () => {
    expect(limitError(quadratic)).toMatchObject({ limit: 'maxEntityExpansionChars' });
    expect(limitError(quadratic, { maxEntityExpansionChars: 120_000 }).message).toMatch(/^1:\d+: expanding entity &a; brings .* to 150000 characters/);
  });

  it('within bounded memory: both fail cleanly in a process with a 64 MB heap', () => {
    const script = `
      const { parseXml } = await import(${JSON.stringify(MAPPER_ENTRY)});
      for (const xml of JSON.parse(process.env.DOCS)) {
        try { parseXml(xml); console.log('parsed'); } catch (e) { console.log(e.name, e.limit); }
      }`;
    const r = spawnSync(process.execPath, ['--max-old-space-size=64', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, DOCS: JSON.stringify([billionLaughs, quadratic]) },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['XmlLimitError maxEntityExpansionChars', 'XmlLimitError maxEntityExpansionChars']);
  });

  it('entities nested deeper than maxEntityDepth fail with XmlLimitError', () => {
    const chain = Array.from({ length: 50 }, (_, i) => `<!ENTITY e${i} "${i === 49 ? 'end' : `&e${i + 1};`}">`).join('');
    const xml = `<!DOCTYPE d [${chain}]><d a="&e0;">&e0;</d>`;
    expect(limitError(xml)).toMatchObject({ limit: 'maxEntityDepth', actual: 41, max: 40 });
    expect(parseXml(xml, { maxEntityDepth: 50 }).root.text()).toBe('end');
  });

  it('an entity that refers to itself fails at once (WFC: No Recursion)', () => {
    expect(() => parseXml('<!DOCTYPE d [<!ENTITY a "x&b;"><!ENTITY b "&a;">]><d>&a;</d>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('<!DOCTYPE d [<!ENTITY a "x&b;"><!ENTITY b "&a;">]><d>&a;</d>')).toThrow(/^1:\d+: entity &a; refers to itself \(through &a; → &b; → &a;\)/);
  });

  it('the limits are checked like the other parse options', () => {
    expect(() => parseXml('<d/>', { maxEntityExpansionChars: 0 })).toThrow(/parse.maxEntityExpansionChars must be an integer ≥ 1; got 0/);
    expect(() => parseXml('<d/>', { maxEntityDepth: 1.5 })).toThrow(/parse.maxEntityDepth must be an integer ≥ 1; got 1.5/);
  });
});

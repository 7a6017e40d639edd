import { describe, expect, it } from 'vitest';
import { generateApplication } from '../../src/demo/index.js';
import { parseXml, XmlSyntaxError } from '../../src/xml/index.js';

describe('malformed credit applications', () => {
  it('are all rejected by parseXml with an XmlSyntaxError carrying line:column', () => {
    const flaws = new Set<string>();
    let checked = 0;
    for (let id = 1; id <= 20_000; id++) {
      for (const size of ['small', 'medium'] as const) {
        const app = generateApplication(id, { size });
        if (app.kind !== 'malformed') continue;
        let error: unknown;
        try {
          parseXml(app.xml);
        } catch (e) {
          error = e;
        }
        expect(error, `${size} app ${id} (${app.defect.flaw})`).toBeInstanceOf(XmlSyntaxError);
        expect((error as XmlSyntaxError).message).toMatch(/^\d+:\d+: /);
        flaws.add(app.defect.flaw);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(120);
    expect(flaws.size).toBe(4);
  });

  it('differ from the valid document of the same record only by their flaw', () => {
    let seen = 0;
    for (let id = 1; id <= 5000 && seen < 5; id++) {
      const app = generateApplication(id);
      if (app.kind !== 'malformed' || app.defect.flaw !== 'mismatched-tag') continue;
      expect(app.xml).toMatch(/<([a-z]+:)?City>[^<]*<\/([a-z]+:)?Town>/);
      seen++;
    }
    expect(seen).toBeGreaterThan(0);
  });
});

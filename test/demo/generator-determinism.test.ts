import { describe, expect, it } from 'vitest';
import { generateApplication } from '../../src/demo/index.js';

describe('generateApplication is a pure function of (appId, seed, size)', () => {
  it('gives the same document, byte for byte, and the same expected rows every time', () => {
    for (const size of ['small', 'medium', 'large'] as const) {
      for (const appId of [1, 2, 77, 4096, 999_999]) {
        const a = generateApplication(appId, { size, seed: 7 });
        const b = generateApplication(appId, { size, seed: 7 });
        expect(b.xml).toBe(a.xml);
        expect(b.kind).toBe(a.kind);
        expect(b.expected).toStrictEqual(a.expected);
        expect(b.defect).toStrictEqual(a.defect);
      }
    }
  });

  it('does not depend on which records were generated before (record N is the same whatever the count)', () => {
    const forward = Array.from({ length: 200 }, (_, i) => generateApplication(i + 1).xml);
    const backward: string[] = [];
    for (let id = 200; id >= 1; id -= 1) backward[id - 1] = generateApplication(id).xml;
    expect(backward).toEqual(forward);
  });

  it('gives different documents for different appIds and different seeds', () => {
    const docs = new Set(Array.from({ length: 500 }, (_, i) => generateApplication(i + 1).xml));
    expect(docs.size).toBe(500);
    expect(generateApplication(12, { seed: 1 }).xml).not.toBe(generateApplication(12, { seed: 2 }).xml);
  });

  it('keeps the kind of a record whatever its size', () => {
    for (let id = 1; id <= 3000; id++) {
      const kind = generateApplication(id, { size: 'medium' }).kind;
      if (kind === 'valid') continue;
      expect(generateApplication(id, { size: 'small' }).kind).toBe(kind);
    }
  });

  it('rejects an appId that is not a non-negative safe integer', () => {
    expect(() => generateApplication(-1)).toThrow(RangeError);
    expect(() => generateApplication(1.5)).toThrow(/appId must be a safe integer/);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_LIMITS, XmlLimitError, parseXml } from '../../src/xml/index.js';

function nested(depth: number): string {
  return '<a>'.repeat(depth) + '</a>'.repeat(depth);
}

function limitError(fn: () => unknown): XmlLimitError {
  try {
    fn();
  } catch (err) {
    if (err instanceof XmlLimitError) return err;
    throw err;
  }
  throw new Error('expected an XmlLimitError');
}

describe('depth limit', () => {
  it('accepts a document exactly at the limit and rejects one level more', () => {
    expect(DEFAULT_PARSE_LIMITS.maxDepth).toBe(256);
    expect(parseXml(nested(256)).root.name).toBe('a');
    const err = limitError(() => parseXml(nested(257)));
    expect(err).toMatchObject({ name: 'XmlLimitError', limit: 'maxDepth', actual: 257, max: 256 });
    expect(err.message).toBe(
      '1:771: element <a> is nested 257 deep, over the maxDepth limit of 256; raise parse.maxDepth if such documents are expected',
    );
  });

  it('honours a custom maxDepth', () => {
    expect(() => parseXml(nested(3), { maxDepth: 3 })).not.toThrow();
    expect(limitError(() => parseXml(nested(4), { maxDepth: 3 })).actual).toBe(4);
    expect(parseXml(nested(1000), { maxDepth: 1000 }).root.get('a/a/a')).toBeDefined();
  });

  it('stops a 100,000-deep document early, with bounded memory', () => {
    const xml = nested(100_000); // 700 KB, well under the size limit
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const err = limitError(() => parseXml(xml));
    const elapsed = performance.now() - started;
    const growth = process.memoryUsage().heapUsed - before;
    expect(err.actual).toBe(257);
    expect(err.message).toMatch(/^1:771: /); // stopped at the 257th tag, not at the end of the input
    expect(growth).toBeLessThan(50 * 1024 * 1024);
    expect(elapsed).toBeLessThan(1000);
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => parseXml('<a/>', { maxDepth: 0 })).toThrow(RangeError);
    expect(() => parseXml('<a/>', { maxDepth: 1.5 })).toThrow('parse.maxDepth must be an integer ≥ 1; got 1.5');
  });
});

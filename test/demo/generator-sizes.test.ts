import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { generateApplication, type DocumentSize } from '../../src/demo/index.js';

const TARGET_BYTES: Record<DocumentSize, number> = { small: 2 * 1024, medium: 8 * 1024, large: 64 * 1024 };

function averageBytes(size: DocumentSize, count: number): number {
  let total = 0;
  for (let id = 1; id <= count; id++) total += Buffer.byteLength(generateApplication(id, { size }).xml, 'utf8');
  return total / count;
}

describe('document sizes', () => {
  it.each([
    ['small', 2000],
    ['medium', 2000],
    ['large', 300],
  ] as const)('%s documents average within ±25%% of their target size in UTF-8 bytes', (size, count) => {
    const average = averageBytes(size, count);
    expect(average).toBeGreaterThanOrEqual(TARGET_BYTES[size] * 0.75);
    expect(average).toBeLessThanOrEqual(TARGET_BYTES[size] * 1.25);
  });

  it('medium is the default size', () => {
    expect(generateApplication(5).xml).toBe(generateApplication(5, { size: 'medium' }).xml);
  });
});

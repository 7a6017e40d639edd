import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, without types
import { generate, OUTPUT } from '../../scripts/generate-mapping-validator.mjs';

describe('the mapping validator shipped is the schema compiled as it is now', () => {
  it('matches a fresh generation from schemas/mapping.schema.json (else: npm run generate:validator)', () => {
    expect(readFileSync(OUTPUT as URL, 'utf8')).toBe((generate as () => string)());
  });
});

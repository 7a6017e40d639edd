import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLUICE_VERSION } from '../../src/core/version.js';

describe('the version Sluice reports (CLI --version, OpenTelemetry scope)', () => {
  it("is package.json's", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(SLUICE_VERSION).toBe(pkg.version);
  });
});

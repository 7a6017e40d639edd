import { describe, expect, it } from 'vitest';
import { sluice } from '../helpers/cli.js';

describe('a mistyped flag', () => {
  it('is named with the nearest known flag, even when a required flag is missing too', () => {
    const r = sluice(['run', '--sorce', 'dir:./inbox', '--sink', 'sqlite:out.db']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("sluice: unknown option '--sorce'; did you mean --source?\n");
  });

  it('far from every flag, it is named alone', () => {
    expect(sluice(['run', '--zzzzzzzz']).stderr).toBe("sluice: unknown option '--zzzzzzzz'\n");
  });
});

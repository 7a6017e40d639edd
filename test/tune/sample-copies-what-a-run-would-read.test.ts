import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySample } from '../../src/tune/copy-sample.js';
import { PagedSource } from '../helpers/paged-source.js';
import { query, tempDir } from '../helpers/people.js';

describe('the tune sample', () => {
  it('copies text and byte payloads under their keys, leaves out records the source could not read, and stops at the limit', async () => {
    const bytes = new Uint8Array(new TextEncoder().encode('<P>b</P>'));
    const source = new PagedSource([
      [
        { key: 'a', payload: '<P>a</P>' },
        { key: 'b', payload: bytes },
        { key: 'no-key', payload: '', unreadable: 'record has no key' },
        { key: 'big', payload: '', withheldBytes: 99 },
      ],
      [
        { key: 'c', payload: '<P>c</P>' },
        { key: 'd', payload: '<P>d</P>' },
      ],
    ]);
    const file = join(tempDir(), 'sample.db');
    const copy = await copySample(source, 3, file);
    expect(copy).toMatchObject({ records: 3, bytes: 24 });
    expect(source.request?.limit).toBe(3);
    expect(query(file, "SELECT key, CAST(xml AS TEXT) AS xml FROM sample ORDER BY key")).toEqual([
      { key: 'a', xml: '<P>a</P>' },
      { key: 'b', xml: '<P>b</P>' },
      { key: 'c', xml: '<P>c</P>' },
    ]);
  });
});

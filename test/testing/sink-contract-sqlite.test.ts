import { join } from 'node:path';
import { describe, it } from 'vitest';
import { sqliteSink } from 'sluice';
import { sinkContract } from 'sluice/testing';
import { query, tempDir } from '../helpers/people.js';

// The exported contract suite holds for our own adapter too: one suite, every sink.
describe('sink contract: sqliteSink', () => {
  const file = join(tempDir(), 'contract.db');
  for (const c of sinkContract({ sink: () => sqliteSink({ file }), rows: async (table) => query(file, `SELECT * FROM "${table}"`) })) {
    it(c.name, () => c.run());
  }
});

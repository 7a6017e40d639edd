import { createPool, type Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { sinkContract } from 'sluice/testing';
import { MariaDbSink } from '../helpers/mariadb-sink.js';
import { IN_CI } from '../helpers/postgres.js';

// The contract suite our adapters pass, exported as 'sluice/testing', run against a sink written
// as a user would write one (test/helpers/mariadb-sink.ts): rows as named values, no wire format.
const url = { host: '127.0.0.1', port: 3306, user: 'root' };
const reachable = await (async () => {
  const pool = createPool({ ...url, connectionLimit: 1 });
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await pool.end();
  }
})();
if (!reachable && IN_CI) throw new Error('MariaDB is required when CI=true (127.0.0.1:3306, root, no password)');

describe.skipIf(!reachable)('sink contract: a user-style MariaDB sink (mysql2)', () => {
  const db = `sluice_contract_${process.pid}`;
  let pool: Pool;
  beforeAll(async () => {
    const admin = createPool({ ...url, connectionLimit: 1 });
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
    pool = createPool({ ...url, database: db, connectionLimit: 4 });
  });
  afterAll(async () => {
    await pool?.query(`DROP DATABASE ${db}`);
    await pool?.end();
  });

  for (const c of sinkContract({
    sink: () => new MariaDbSink(pool),
    rows: async (table) => (await pool.query(`SELECT * FROM \`${table}\``))[0] as Record<string, unknown>[],
  })) {
    it(c.name, () => c.run());
  }
});

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pipeline, sqliteSink, sqliteSource } from 'sluice';
import { query, tempDir } from '../helpers/people.js';

const MAPPER = fileURLToPath(new URL('../fixtures/bigint-key-mapper.ts', import.meta.url));

describe('64-bit keys above 2^53 in SQLite', () => {
  it('round-trip exactly: source, log and target rows; a rerun reads none of them again', async () => {
    const file = join(tempDir(), 'big-keys.db');
    const db = new Database(file);
    db.exec('CREATE TABLE app_xml (app_id INTEGER PRIMARY KEY, xml TEXT)');
    // 300 consecutive keys from 2^53 + 1: as doubles, pairs of them round to the same number.
    db.exec(`WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 299)
      INSERT INTO app_xml SELECT 9007199254740993 + i, '<Doc><Name>' || (9007199254740993 + i) || '</Name></Doc>' FROM c`);
    db.close();

    const run = () => pipeline({ source: sqliteSource({ file }), sink: sqliteSink({ file }), mapper: MAPPER, workers: 1, taskSize: 64 }).run();
    const report = await run();
    expect(report.counts).toMatchObject({ read: 300, succeeded: 300, failed: 0 });
    expect(query(file, 'SELECT status, typeof(key) AS type, count(*) AS n FROM processing_log GROUP BY 1, 2')).toEqual([{ status: 'succeeded', type: 'integer', n: 300 }]);
    // Every source key is in the log and the target table exactly, as text so nothing rounds.
    const missing = (target: string) => query(file, `SELECT count(*) AS n FROM app_xml a WHERE NOT EXISTS (SELECT 1 FROM ${target} WHERE CAST(${target === 'doc' ? 'id' : 'key'} AS TEXT) = CAST(a.app_id AS TEXT))`)[0];
    expect(missing('processing_log')).toEqual({ n: 0 });
    expect(missing('doc')).toEqual({ n: 0 });
    expect(query(file, "SELECT count(*) AS n FROM doc WHERE CAST(id AS TEXT) = name")).toEqual([{ n: 300 }]);

    const again = await run();
    expect(again.counts.read).toBe(0);
    expect(query(file, 'SELECT count(*) AS n FROM processing_log')).toEqual([{ n: 300 }]);
  });
});

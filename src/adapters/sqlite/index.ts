export { sqliteSource } from './sqlite-source.js';
export type { SqliteSourceOptions } from './sqlite-source.js';
export { sqliteSink } from './sqlite-sink.js';
export type { SqliteSinkOptions } from './sqlite-sink.js';
export { openSqlite, loadSqliteDriver, quoteIdent } from './sqlite-driver.js';
export type { SqliteDatabase, SqliteDriver, SqliteConnectionOptions } from './sqlite-driver.js';
export { sqliteTableDdl, sqliteLogDdl } from './sqlite-schema.js';

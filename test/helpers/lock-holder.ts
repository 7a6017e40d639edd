import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * Another process that holds a SQLite file's write lock (BEGIN IMMEDIATE) until told to let go:
 * a real busy database, not a mock.
 */
export async function holdWriteLock(file: string): Promise<{ release: () => Promise<void>; child: ChildProcess }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'], cwd: process.cwd() });
  const [first] = (await once(child.stdout, 'data')) as [Buffer];
  if (!first.toString().startsWith('locked')) throw new Error(`lock holder said ${first.toString()}`);
  return {
    child,
    release: async () => {
      const exited = once(child, 'exit');
      child.stdin.write('go\n');
      await exited;
    },
  };
}

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Tests of what the heap keeps measure it after full collections, whatever flags vitest ran with.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The JavaScript heap in use after two full collections: what is still reachable. */
export function heapAfterCollection(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

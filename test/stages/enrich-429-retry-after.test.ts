import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstValueFrom, of } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchOf, enrich, openFlow, recordsOf, SluiceHttpError, type Flow, type MappedRecord } from 'sluice';
import { PERSON_MAPPER } from '../helpers/people.js';

const person = (key: number): MappedRecord => ({ key, status: 'succeeded', rows: { person: [{ id: key, name: `P${key}`, born: null }] } });

/** GET a URL with node:http (its sockets do not use the faked global timers). */
function getJson(url: string, signal: AbortSignal): Promise<{ name: string }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { signal }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        if (res.statusCode === 200) return resolve(JSON.parse(body) as { name: string });
        const header = res.headers['retry-after'];
        reject(SluiceHttpError.from({ status: res.statusCode ?? 0, url, headers: { get: (n) => (n === 'retry-after' && typeof header === 'string' ? header : null) } }));
      });
    });
    req.on('error', reject);
  });
}

/** Turns the event loop (real I/O) until the condition holds; fake timers do not move. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !condition(); i++) await new Promise((r) => setImmediate(r));
  expect(condition()).toBe(true);
}

describe('enrich: HTTP 429', () => {
  let server: Server | undefined;
  let flow: Flow | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await flow?.close();
    await new Promise((r) => server?.close(r));
  });

  it('waits the Retry-After the server asked for, then retries, and the records succeed', async () => {
    const hits = new Map<string, number>();
    server = createServer((req, res) => {
      const n = (hits.get(req.url!) ?? 0) + 1;
      hits.set(req.url!, n);
      if (n === 1) res.writeHead(429, { 'retry-after': '2' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: `enriched ${req.url}` }));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    flow = await openFlow({ mapper: PERSON_MAPPER, workers: 1 });
    const f = flow;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const total = () => [...hits.values()].reduce((a, b) => a + b, 0);

    const out = firstValueFrom(
      of(batchOf(f, [person(1), person(2), person(3)])).pipe(
        enrich(
          f,
          async (record, { signal }) => {
            const body = await getJson(`${base}/p/${record.key}`, signal);
            record.rows.person![0]!.name = body.name;
          },
          { concurrency: 3, retry: { maxAttempts: 3, baseDelayMillis: 1, maxDelayMillis: 1 } },
        ),
      ),
    );

    await until(() => total() === 3); // each record's first call got a 429
    await vi.advanceTimersByTimeAsync(1900);
    await until(() => true);
    expect(total()).toBe(3); // the backoff alone (1 ms) would have retried long ago: Retry-After holds it
    await vi.advanceTimersByTimeAsync(100);
    await until(() => total() === 6);
    const result = await out;
    expect(recordsOf(f, result)).toEqual([1, 2, 3].map((k) => ({ key: k, status: 'succeeded', rows: { person: [{ id: k, name: `enriched /p/${k}`, born: null }] } })));
  });
});

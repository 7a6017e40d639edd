import type { RecordKey, SourceRecord } from '../core/record.js';

/** A record's payload size as the byte budget counts it: bytes of a byte payload, characters of a text one (O(1) either way). */
export function payloadBytes(record: SourceRecord): number {
  return typeof record.payload === 'string' ? record.payload.length : record.payload.byteLength;
}

interface Waiter {
  readonly n: number;
  resolve(): void;
}

/** What one admitted record holds of the budget: its payload's size, and its charge (payload or rows). */
interface Charge {
  readonly payload: number;
  bytes: number;
  /** Its rows came back (`recharge`): `bytes` is their estimate. */
  mapped: boolean;
}

interface ByteWaiter {
  readonly key: RecordKey;
  readonly bytes: number;
  resolve(): void;
}

/**
 * Counts records read but not yet committed, and their payload bytes, and makes the reader wait
 * when either budget is spent: the pipeline's backpressure. RxJS has none of its own, so every
 * record passes through here.
 *
 * Records: the reader `acquire`s credits for a page before reading it and `release`s those a
 * short page did not use. Bytes: a record read is `admit`ted once its charge fits in
 * `byteCapacity` (a record larger than the whole budget is admitted alone, when nothing else is
 * in flight, so nothing hangs), and no page is read while the byte budget is spent. A record's
 * charge is first its payload, or what its rows are expected to cost if more (`expansion`); when
 * its rows come back from a worker, `recharge` replaces that with their estimate, since the rows
 * are what the main thread then holds until the commit. Until a first record's rows are known, a
 * record is admitted only when nothing else is in flight: the cost of rows is unknown before.
 * `settle` returns a record's credit and its bytes when it is committed or dropped.
 */
export class CreditGate {
  private used = 0;
  private bytes = 0;
  private readonly waiters: Waiter[] = [];
  private readonly byteWaiters: ByteWaiter[] = [];
  /** Charges per key (an array for a key admitted twice: sources may repeat keys). */
  private readonly held = new Map<RecordKey, Charge | Charge[]>();
  private admitted = 0;
  private admittedBytes = 0;
  /** Payload bytes and row bytes of the records recharged so far: their ratio is `expansion`. */
  private payloadSeen = 0;
  private rowsSeen = 0;
  private rowsKnown = false;
  /** Highest `inUse` ever seen: tests assert it never exceeds `capacity`. */
  peak = 0;
  /** Highest `bytesInUse` ever seen: at most `byteCapacity`, or one record larger than it, alone, or over by rows larger than expected until their commit. */
  peakBytes = 0;

  constructor(
    readonly capacity: number,
    readonly byteCapacity = Infinity,
  ) {}

  get inUse(): number {
    return this.used;
  }

  get bytesInUse(): number {
    return this.bytes;
  }

  /** Bytes of rows per payload byte over the records mapped so far, at least 1: a record is admitted at its payload times this. */
  get expansion(): number {
    return this.payloadSeen > 0 ? Math.max(1, this.rowsSeen / this.payloadSeen) : 1;
  }

  /** True while a record or the next page waits for the byte budget (not for record credits). */
  get waitingForBytes(): boolean {
    return this.byteWaiters.length > 0 || (this.waiters.length > 0 && this.bytes >= this.byteCapacity);
  }

  /**
   * Records to ask of the source for the next page, at most `max`: as many as the free byte
   * budget holds at the average payload size admitted so far (at least 1), so that a page of
   * large documents is not read only to wait here. Until a first record is admitted the size of
   * documents is unknown: the first page is of one record.
   */
  pageSize(max: number): number {
    if (this.byteCapacity === Infinity) return max;
    if (this.admitted === 0) return 1;
    const average = Math.max(1, this.admittedBytes / this.admitted);
    return Math.max(1, Math.min(max, Math.floor((this.byteCapacity - this.bytes) / average)));
  }

  /** Resolves when `n` record credits are free (n is capped at capacity, so it always can) and the byte budget is not spent. */
  acquire(n: number, signal?: AbortSignal): Promise<boolean> {
    const want = Math.min(n, this.capacity);
    if (this.waiters.length === 0 && this.roomFor(want)) {
      this.take(want);
      return Promise.resolve(true);
    }
    return this.wait(this.waiters, { n: want }, signal);
  }

  /** Returns record credits taken but not used (a page shorter than asked). */
  release(n: number): void {
    this.used -= n;
    if (this.used < 0) throw new Error(`CreditGate: released more than acquired (${this.used})`);
    this.grant();
  }

  /** Admits a record of `bytes` payload now if its charge fits (or nothing else is in flight); false if it must wait. */
  tryAdmit(key: RecordKey, bytes: number): boolean {
    if (this.byteWaiters.length > 0 || !this.fits(this.chargeOf(bytes))) return false;
    this.charge(key, bytes);
    return true;
  }

  /** Resolves true once a record of `bytes` payload is admitted, false if `signal` aborts the wait first. */
  admit(key: RecordKey, bytes: number, signal?: AbortSignal): Promise<boolean> {
    if (this.tryAdmit(key, bytes)) return Promise.resolve(true);
    return this.wait(this.byteWaiters, { key, bytes }, signal);
  }

  /**
   * Records mapped: `rowBytes[i]` replaces what `keys[i]` was charged (its payload, which the
   * main thread no longer holds) by the estimate of its rows, held until it is committed. The
   * budget can be over by then (rows larger than expected): the reader waits, and the batch
   * commits at once. Keys not admitted (settled already) are ignored.
   */
  recharge(keys: readonly RecordKey[], rowBytes: ArrayLike<number>): void {
    keys.forEach((key, i) => {
      const held = this.held.get(key);
      if (held === undefined) return;
      const rows = rowBytes[i] ?? 0;
      // A key read twice: its first charge not mapped yet is this record's (pages map in order).
      const charge = Array.isArray(held) ? (held.find((c) => !c.mapped) ?? held[0]!) : held;
      this.bytes += rows - charge.bytes;
      charge.bytes = rows;
      charge.mapped = true;
      this.payloadSeen += charge.payload;
      this.rowsSeen += rows;
      this.rowsKnown = true;
    });
    this.peakBytes = Math.max(this.peakBytes, this.bytes);
    this.grant();
  }

  /** Records committed or dropped: returns their credits and their admitted bytes. */
  settle(keys: readonly RecordKey[]): void {
    this.used -= keys.length;
    if (this.used < 0) throw new Error(`CreditGate: released more than acquired (${this.used})`);
    for (const key of keys) {
      const held = this.held.get(key);
      if (held === undefined) continue;
      if (!Array.isArray(held)) {
        this.bytes -= held.bytes;
        this.held.delete(key);
      } else {
        this.bytes -= held.pop()!.bytes;
        if (held.length === 1) this.held.set(key, held[0]!);
      }
    }
    this.grant();
  }

  private wait<W extends { resolve(): void }>(queue: W[], fields: Omit<W, 'resolve'>, signal: AbortSignal | undefined): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const onAbort = () => {
        const i = queue.indexOf(waiter);
        // Stryker disable next-line ConditionalExpression: equivalent, a granted waiter has removed this listener; kept so a splice(-1) can never drop another waiter
        if (i >= 0) {
          queue.splice(i, 1);
          resolve(false);
        }
      };
      const waiter = {
        ...fields,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(true);
        },
      } as W;
      queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Wakes waiters in order: records already read (bytes) first, then the reader's next page. */
  private grant(): void {
    while (this.byteWaiters.length > 0 && this.fits(this.chargeOf(this.byteWaiters[0]!.bytes))) {
      const w = this.byteWaiters.shift()!;
      this.charge(w.key, w.bytes);
      w.resolve();
    }
    while (this.waiters.length > 0 && this.roomFor(this.waiters[0]!.n)) {
      const w = this.waiters.shift()!;
      this.take(w.n);
      w.resolve();
    }
  }

  private roomFor(n: number): boolean {
    return this.used + n <= this.capacity && this.bytes < this.byteCapacity;
  }

  private fits(bytes: number): boolean {
    if (this.bytes === 0) return true;
    return this.bytes + bytes <= this.byteCapacity && (this.rowsKnown || this.byteCapacity === Infinity);
  }

  /** What a record of `payload` bytes is charged on admission: the larger of its payload and its expected rows. */
  private chargeOf(payload: number): number {
    return Math.ceil(payload * this.expansion);
  }

  /** Charges a record of `payload` bytes what `chargeOf` says. */
  private charge(key: RecordKey, payload: number): void {
    const bytes = this.chargeOf(payload);
    const charge: Charge = { payload, bytes, mapped: false };
    const held = this.held.get(key);
    if (held === undefined) this.held.set(key, charge);
    else if (!Array.isArray(held)) this.held.set(key, [held, charge]);
    else held.push(charge);
    this.bytes += bytes;
    this.admitted++;
    this.admittedBytes += bytes;
    if (this.bytes > this.peakBytes) this.peakBytes = this.bytes;
  }

  private take(n: number): void {
    this.used += n;
    // Stryker disable next-line EqualityOperator: equivalent, >= assigns the same value
    if (this.used > this.peak) this.peak = this.used;
  }
}

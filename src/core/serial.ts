/**
 * Runs asynchronous work one piece at a time, in the order it was asked for: a piece starts once
 * the one before it has settled, whether that succeeded or failed.
 *
 * ```ts
 * const serial = new Serial();
 * void serial.run(() => write(a));
 * await serial.run(() => write(b)); // after write(a) has settled
 * ```
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Settles once every piece asked for so far has. */
  async idle(): Promise<void> {
    await this.tail;
  }
}

import { describe, expect, it } from 'vitest';
import { SluiceConfigError } from '../../src/core/errors.js';
import { SkipSignal } from '../../src/worker/row-collector.js';
import { collector } from '../helpers/collector.js';

const errorOf = (f: () => void): Error => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('no error');
};

describe('RowCollector, mapper mistakes', () => {
  it('a row for an undeclared table fails with the declared ones listed', () => {
    const c = collector(1);
    c.begin(1);
    const e = errorOf(() => c.emit('persons', { id: 1 }));
    expect(e).toBeInstanceOf(SluiceConfigError);
    expect(e.message).toBe('mapper emitted a row for table "persons", which it does not declare; declared: person, phone');
    expect((e as SluiceConfigError).option).toBe('mapper');
  });

  it('an undeclared column fails, naming it and its table, and nothing of the row is kept', () => {
    const c = collector(1);
    c.begin(1);
    const e = errorOf(() => c.emit('phone', { person_id: 1, number: '1', extension: '22' }));
    expect(e).toBeInstanceOf(SluiceConfigError);
    expect(e.message).toBe('mapper emitted column "extension" for table "phone", which has no such column');
    expect((e as SluiceConfigError).option).toBe('mapper');
    expect(c.result()[1]!.values).toEqual([]);
  });

  it('skip() throws the signal the worker turns into a skipped record, with its reason', () => {
    const c = collector(1);
    const given = errorOf(() => c.skip('a test application'));
    expect(given).toBeInstanceOf(SkipSignal);
    expect([given.name, (given as SkipSignal).reason, given.message]).toEqual(['SkipSignal', 'a test application', 'a test application']);
    expect((errorOf(() => c.skip()) as SkipSignal).reason).toBe('skipped by the mapper');
  });
});

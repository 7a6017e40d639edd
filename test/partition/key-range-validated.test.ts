import { describe, expect, it } from 'vitest';
import { SluiceConfigError, fromArray, keyRange, pipeline } from 'sluice';
import { MemorySink } from '../helpers/memory-sink.js';
import { PERSON_MAPPER } from '../helpers/people.js';

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('key range validation', () => {
  it('keyRange rejects start > end with a RangeError naming the option and both values', () => {
    const e = thrown(() => keyRange(60_000, 1));
    expect(e).toBeInstanceOf(RangeError);
    expect(e).toBeInstanceOf(SluiceConfigError);
    expect((e as SluiceConfigError).option).toBe('keyStart');
    expect((e as Error).message).toBe('key range start must be ≤ end; got 60000 and 1; swap them');
    expect((thrown(() => keyRange('M', 'A')) as Error).message).toBe('key range start must be ≤ end; got "M" and "A"; swap them');
  });

  it('keyRange rejects a number and a string together, and accepts equal or open ends', () => {
    expect((thrown(() => keyRange(5, 'Z')) as Error).message).toBe('key range start and end must both be numbers or both strings; got 5 and "Z"');
    expect(keyRange(7, 7)).toStrictEqual({ range: { start: 7, end: 7 } });
    expect(keyRange(undefined, 9)).toStrictEqual({ range: { end: 9 } });
    expect(keyRange('K')).toStrictEqual({ range: { start: 'K' } });
  });

  it('pipeline() rejects a reversed range given as a plain partition object, before opening anything', () => {
    const sink = new MemorySink();
    const e = thrown(() => pipeline({ source: fromArray([]), sink, mapper: PERSON_MAPPER, partition: { range: { start: 10, end: 2 } } }));
    expect(e).toBeInstanceOf(RangeError);
    expect((e as SluiceConfigError).option).toBe('partition.range');
    expect((e as Error).message).toBe('partition.range: key range start must be ≤ end; got 10 and 2; swap them');
    expect(sink.opened).toBe(false);
  });
});

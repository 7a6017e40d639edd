import { InvalidArgumentError } from 'commander';
import { UsageError } from './usage-error.js';

/** Commander argument parser for integers within a range. */
export function intFlag(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

/** Commander argument parser for a number within a range. */
export function numberFlag(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

/** `--key-type`: the type processing_log.key (and the queue's key) get where the sink creates them. */
export function keyTypeFlag(value: string | undefined): 'bigint' | 'text' | undefined {
  if (value === undefined || value === 'bigint' || value === 'text') return value;
  throw new UsageError(`--key-type must be bigint or text; got "${value}"`);
}

/** A key flag: an integer if it looks like one, else text. */
export function keyFlag(value: string): number | string {
  return /^-?\d{1,15}$/.test(value) ? Number(value) : value;
}

import type { Rng } from './prng.js';
import { PAD2 } from './credit-app-vocabulary.js';

/** 'YYYY-MM-DD' from a month index (year * 12 + month - 1) and a day. */
export function date(month: number, day: number): string {
  return `${Math.floor(month / 12)}-${PAD2[(month % 12) + 1]}-${PAD2[day]}`;
}

export function daysIn(month: number): number {
  const m = (month % 12) + 1;
  const y = Math.floor(month / 12);
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function money(cents: number): string {
  return `${Math.floor(cents / 100)}.${PAD2[cents % 100]}`;
}

export function usZip(rng: Rng, prefix: string): string {
  const zip = `${prefix}${PAD2[rng.int(0, 99)]}`;
  return rng.chance(0.2) ? `${zip}-${PAD2[rng.int(0, 99)]}${PAD2[rng.int(0, 99)]}` : zip;
}

const CA_LETTERS = 'ABCEGHJKLMNPRSTVXY';

export function caPostal(rng: Rng, prefix: string): string {
  return `${prefix} ${rng.int(1, 9)}${CA_LETTERS.charAt(rng.int(0, CA_LETTERS.length - 1))}${rng.int(0, 9)}`;
}

/** A small seeded random generator (mulberry32): the same seed gives the same sample every time. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One of the items. */
  pick<T>(items: readonly T[]): T;
}

/** A generator of numbers from a seed. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

const DAY_MS = 86_400_000;

/** The ISO date `days` after `isoDate` (negative: before). */
export function shiftDate(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A moment on the working day `days` after `isoDate`, at `minute` minutes past 08:00 UTC. */
export function momentOn(isoDate: string, days: number, minute = 0): string {
  return new Date(Date.parse(`${isoDate}T08:00:00Z`) + days * DAY_MS + minute * 60_000).toISOString();
}

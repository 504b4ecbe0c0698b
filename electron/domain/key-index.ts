/**
 * The first row each key was seen on, for a million keys at a time: an open-addressing
 * hash table over typed arrays, which a JavaScript Map of that size is markedly slower
 * than (measured: docs/decisions.md). Pure.
 */
export interface KeyIndex {
  /** The row `key` was added with, or -1; the lookup is remembered for `addLast`. */
  find(key: string): number;
  /** Adds the key of the last `find` (which found nothing) with its row, and a number kept with it. */
  addLast(row: number, tag?: number): void;
  /** The number kept with the key the last `find` found (0 when none was given). */
  foundTag(): number;
}

/** FNV-1a over UTF-16 code units. */
export function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates an empty index. */
export function createKeyIndex(): KeyIndex {
  let mask = (1 << 12) - 1;
  let slots = new Int32Array(mask + 1).fill(-1);
  const keys: string[] = [];
  const rows: number[] = [];
  const hashes: number[] = [];
  const tags: number[] = [];
  let found = -1;
  let lastKey = '';
  let lastHash = 0;
  let lastSlot = -1;

  const grow = () => {
    mask = mask * 2 + 1;
    slots = new Int32Array(mask + 1).fill(-1);
    for (let k = 0; k < keys.length; k++) {
      let i = hashes[k]! & mask;
      while (slots[i] !== -1) i = (i + 1) & mask;
      slots[i] = k;
    }
  };

  return {
    find(key) {
      const h = hashOf(key);
      let i = h & mask;
      for (;;) {
        const k = slots[i]!;
        if (k === -1) break;
        if (hashes[k] === h && keys[k] === key) {
          found = k;
          return rows[k]!;
        }
        i = (i + 1) & mask;
      }
      found = -1;
      lastKey = key;
      lastHash = h;
      lastSlot = i;
      return -1;
    },
    foundTag: () => (found < 0 ? 0 : tags[found]!),
    addLast(row, tag = 0) {
      if (lastSlot < 0) throw new Error('addLast needs a find that found nothing');
      const k = keys.length;
      keys.push(lastKey);
      rows.push(row);
      hashes.push(lastHash);
      tags.push(tag);
      slots[lastSlot] = k;
      lastSlot = -1;
      // At most half full, so probes stay short.
      if (keys.length * 2 > mask) grow();
    },
  };
}

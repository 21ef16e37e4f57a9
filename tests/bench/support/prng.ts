// The seeded random source every generated board and every simulated edit draws from, so two
// runs (and Node and the bench page) produce the same bytes. Plain code: it is bundled into
// the Chromium bench pages as well as run under Node.

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A deterministic random source (mulberry32): fast, 32-bit state, good enough for fixtures. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  pick<T>(values: readonly T[]): T {
    if (values.length === 0) throw new Error('pick from an empty list');
    return values[this.int(values.length)] as T;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An id shaped like the app's `newId` (16 base-36 characters, optional prefix). */
  id(prefix = ''): string {
    let id = '';
    for (let i = 0; i < 16; i++) id += ID_ALPHABET[this.int(ID_ALPHABET.length)];
    return prefix ? `${prefix}_${id}` : id;
  }

  /** `count` words from `words`, space-separated. */
  words(words: readonly string[], count: number): string {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(this.pick(words));
    return out.join(' ');
  }
}

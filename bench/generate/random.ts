/**
 * A seeded pseudo-random source. Batches must be the same on every run and in every child process (the heap
 * probe regenerates the batch it measures), so nothing here may touch `Math.random`.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /**
   * An integer in [min, max].
   * @param min Lowest value.
   * @param max Highest value.
   */
  int(min: number, max: number): number;
  /**
   * One element, uniformly.
   * @param items A non-empty list.
   */
  pick<T>(items: readonly T[]): T;
  /**
   * One key of a weight table, in proportion to its weight.
   * @param weights Key to relative weight.
   */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /**
   * A string of `length` letters and digits (Lingdong's `uid`).
   * @param length How many characters.
   */
  alphanumeric(length: number): string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Creates a {@link Random} (mulberry32: tiny, fast, and good enough to vary test data).
 * @param seed Any 32-bit integer; the same seed gives the same sequence.
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(weights) {
      const keys = Object.keys(weights) as (keyof typeof weights)[];
      let total = 0;
      for (const key of keys) total += weights[key];
      let roll = next() * total;
      for (const key of keys) {
        roll -= weights[key];
        if (roll < 0) return key;
      }
      return keys[keys.length - 1]!;
    },
    alphanumeric(length) {
      let text = '';
      for (let i = 0; i < length; i++) text += ALPHANUMERIC[int(0, ALPHANUMERIC.length - 1)];
      return text;
    },
  };
}

// Plain addresses for the providers whose recipients are mostly Western (SendGrid, Mailgun, Postmark, Resend).
const LOCAL_PARTS = ['anna', 'boris', 'john.doe', 'jane.roe', 'maria', 'li.wei', 'sam', 'alex', 'kim', 'noor'];
const DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'gmail.com', 'outlook.example'];

/**
 * A made-up recipient such as `john.doe417@example.org`: a name, a number from 1 to 9999, a domain.
 * @param random The sequence to draw from (three draws).
 */
export function sampleAddress(random: Random): string {
  return `${random.pick(LOCAL_PARTS)}${random.int(1, 9999)}@${random.pick(DOMAINS)}`;
}

/**
 * Splits `total` items over groups in proportion to their weights, exactly (the largest remainders get the
 * leftover items), so a batch of N items really has N items.
 * @param total How many items in all.
 * @param weights Group to relative weight.
 */
export function apportion<K extends string>(total: number, weights: Readonly<Record<K, number>>): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  let sum = 0;
  for (const key of keys) sum += weights[key];
  const counts = {} as Record<K, number>;
  const remainders: { key: K; rest: number }[] = [];
  let given = 0;
  for (const key of keys) {
    const exact = (total * weights[key]) / sum;
    counts[key] = Math.floor(exact);
    given += counts[key];
    remainders.push({ key, rest: exact - counts[key] });
  }
  remainders.sort((a, b) => b.rest - a.rest);
  for (let i = 0; given < total; i++, given++) counts[remainders[i % remainders.length]!.key] += 1;
  return counts;
}

// Lane seeds and multipliers, written as signed 32-bit values so the engine keeps the lanes as small integers.
const SEED_A = -2128831035; // 0x811c9dc5
const SEED_B = -1640531527; // 0x9e3779b9
const PRIME_A = 16777619; // 0x01000193
const PRIME_B = 1540483477; // 0x5bd1e995
// A part's mark: its position in the top byte, then a flag for numbers or the text's length below it.
const NUMBER_MARK = 0x800000;
const LENGTH_MASK = 0x7fffff;
const TWO_32 = 4294967296;

/**
 * Derives a stable event id from the fields that identify an item, for providers that send no event id.
 * The same fields give the same id, so a redelivered event can be deduplicated; any difference in them gives
 * another id (a number and the string of its digits count as different). A 64-bit non-cryptographic hash (two
 * independent 32-bit lanes), written as 16 hex digits.
 * @param parts The identifying values, in a fixed order; `undefined` and `null` stand for an absent field.
 */
export function deriveEventId(parts: readonly unknown[]): string {
  // Parts are mixed one after another without building a key string (concatenating costs more than hashing),
  // strings two UTF-16 units a step, safe integers as two 32-bit halves: this runs once per item.
  let a = SEED_A ^ parts.length;
  let b = SEED_B;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    // Absent fields cost nothing: every present part starts with a mark of its position, its kind and its
    // length, so values cannot shift into a neighbour's place, absent or not.
    if (part === undefined || part === null) continue;
    if (typeof part === 'number' && Number.isSafeInteger(part)) {
      const low = part % TWO_32 | 0;
      const high = Math.floor(part / TWO_32) | 0;
      const mark = (p << 24) | NUMBER_MARK;
      a = Math.imul(a ^ mark, PRIME_A);
      b = Math.imul(b ^ mark, PRIME_B);
      a = Math.imul(a ^ low, PRIME_A);
      b = Math.imul(b ^ low, PRIME_B);
      b ^= b >>> 15;
      a = Math.imul(a ^ high, PRIME_A);
      b = Math.imul(b ^ high, PRIME_B);
      b ^= b >>> 15;
      continue;
    }
    const text = typeof part === 'string' ? part : partText(part);
    const mark = (p << 24) | (text.length & LENGTH_MASK);
    a = Math.imul(a ^ mark, PRIME_A);
    b = Math.imul(b ^ mark, PRIME_B);
    b ^= b >>> 15;
    const even = text.length & ~1;
    for (let i = 0; i < even; i += 2) {
      const pair = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      a = Math.imul(a ^ pair, PRIME_A);
      b = Math.imul(b ^ pair, PRIME_B);
      b ^= b >>> 15;
    }
    if (even < text.length) {
      const unit = text.charCodeAt(even);
      a = Math.imul(a ^ unit, PRIME_A);
      b = Math.imul(b ^ unit, PRIME_B);
      b ^= b >>> 15;
    }
  }
  return finish(a, b);
}

/**
 * Text for a part that is not a string. Never throws: an already-parsed body may hold anything, cycles and
 * BigInts included.
 */
function partText(part: unknown): string {
  if (part === undefined || part === null) return '';
  if (typeof part !== 'object') return String(part);
  try {
    return JSON.stringify(part) ?? '';
  } catch {
    return Object.prototype.toString.call(part);
  }
}

/** Mixes the two lanes so that every input bit reaches every output bit, and writes them as 16 hex digits. */
function finish(a: number, b: number): string {
  a = avalanche(a ^ (b >>> 7));
  b = avalanche(b ^ Math.imul(a, 0x27d4eb2d));
  return toHex32(a) + toHex32(b);
}

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Number#toString(16) costs about half a microsecond a call; a byte table costs a tenth of that.
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function toHex32(n: number): string {
  return HEX_BYTES[n >>> 24]! + HEX_BYTES[(n >>> 16) & 255]! + HEX_BYTES[(n >>> 8) & 255]! + HEX_BYTES[n & 255]!;
}

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
 * The same event gives the same id however its values were written: parts are normalized before they are mixed,
 * so `42` and `"42"`, `1490962764` and `"1490962764"`, `" x "` and `"x"` count as equal, and an empty or blank
 * string counts as absent. Callers pass values that need a provider's own reading (addresses, date-time text)
 * already normalized. Any other difference gives another id. A 64-bit non-cryptographic hash (two independent
 * 32-bit lanes), written as 16 hex digits. The values are a compatibility promise: the golden test
 * (tests/normalize/derived-ids.golden.test.ts) pins them.
 * @param parts The identifying values, in a fixed order; `undefined` and `null` stand for an absent field.
 */
export function deriveEventId(parts: readonly unknown[]): string {
  // Parts are mixed one after another without building a key string (concatenating costs more than hashing),
  // strings two UTF-16 units a step, safe integers as two 32-bit halves: this runs once per item.
  let a = SEED_A ^ parts.length;
  let b = SEED_B;
  let p = 0;
  // Decoders start every id with their provider's name: the lanes after it are remembered for the last one.
  const first = parts[0];
  if (typeof first === 'string' && first === lastPrefix && parts.length === lastPartCount) {
    a = lastPrefixA;
    b = lastPrefixB;
    p = 1;
  }
  for (; p < parts.length; p++) {
    const part = parts[p];
    // Absent fields cost nothing: every present part starts with a mark of its position, its kind and its
    // length, so values cannot shift into a neighbour's place, absent or not.
    if (part === undefined || part === null) continue;
    let text = '';
    let integer: number;
    if (typeof part === 'number') {
      if (Number.isSafeInteger(part)) integer = part;
      else {
        text = String(part);
        integer = Number.NaN;
      }
    } else if (typeof part === 'string') {
      text = trimmed(part);
      if (text === '') continue;
      // Digit strings meet the numbers they write: `"42"` mixes as `42`.
      integer = readSafeInteger(text);
    } else {
      text = partText(part);
      integer = Number.NaN;
    }
    if (integer === integer) {
      const low = integer % TWO_32 | 0;
      const high = Math.floor(integer / TWO_32) | 0;
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
    if (p === 0 && typeof part === 'string') {
      lastPrefix = part;
      lastPartCount = parts.length;
      lastPrefixA = a;
      lastPrefixB = b;
    }
  }
  return finish(a, b);
}

let lastPrefix: string | undefined;
let lastPartCount = -1;
let lastPrefixA = 0;
let lastPrefixB = 0;

/** A string without surrounding white space; the common case (none) costs two comparisons. */
function trimmed(text: string): string {
  const n = text.length;
  if (n === 0) return text;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  return first > 32 && first < 0x80 && last > 32 && last < 0x80 ? text : text.trim();
}

/**
 * The safe integer a string writes in plain decimal (optional minus, no leading zero, at most 15 digits, so
 * always safe), or NaN. Checked without a regular expression: unix times and message ids come as such strings.
 */
function readSafeInteger(text: string): number {
  const negative = text.charCodeAt(0) === 45;
  const start = negative ? 1 : 0;
  const n = text.length;
  if (n === start || n - start > 15) return Number.NaN;
  if (text.charCodeAt(start) === 48 && n > start + 1) return Number.NaN;
  let value = 0;
  for (let i = start; i < n; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  // `-0` is written `"-0"` only by hand; it meets `0`, as the number -0 does.
  return negative ? -value : value;
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

import { normalizeEmail } from './email.js';

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
  laneA = SEED_A ^ parts.length;
  laneB = SEED_B;
  for (let p = 0; p < parts.length; p++) mixIdPart(p, parts[p]);
  return endDerivedId();
}

// The two lanes of the id being derived. Module state rather than an object: a decoder mixes its parts one call
// at a time without allocating, and nothing between `beginDerivedId` and `endDerivedId` calls back into user code
// that could start another id.
let laneA = 0;
let laneB = 0;

/** The lanes after an id's constant first part (its provider's name), computed once per decoder. */
export interface DerivedIdStart {
  readonly a: number;
  readonly b: number;
}

/**
 * Precomputes the start of the ids a decoder derives: the lanes after the part count and the constant first part.
 * `beginDerivedId(derivedIdStart(first, n))`, then `mixIdPart(p, parts[p])` for p from 1 to n - 1, then
 * `endDerivedId()` gives exactly `deriveEventId([first, ...parts])`, without building the parts array.
 * @param first The constant first part, e.g. `'sendpulse'`.
 * @param partCount How many parts every id of this decoder has, the first included.
 */
export function derivedIdStart(first: string, partCount: number): DerivedIdStart {
  laneA = SEED_A ^ partCount;
  laneB = SEED_B;
  mixIdPart(0, first);
  return { a: laneA, b: laneB };
}

/**
 * Starts deriving an id from a precomputed start (see {@link derivedIdStart}).
 * @param start The decoder's start.
 */
export function beginDerivedId(start: DerivedIdStart): void {
  laneA = start.a;
  laneB = start.b;
}

/**
 * The lanes of the id being derived so far, to start later ids from (for a decoder whose first parts repeat,
 * such as its provider's and event's names).
 */
export function currentDerivedIdStart(): DerivedIdStart {
  return { a: laneA, b: laneB };
}

/**
 * Mixes a safe integer: the same as {@link mixIdPart} with a number for which `Number.isSafeInteger` holds.
 * @param position The part's position.
 * @param integer A safe integer (an instant in milliseconds, say).
 */
export function mixIdInteger(position: number, integer: number): void {
  mixInteger(position, integer);
}

/**
 * Mixes one part into the id being derived, normalized as {@link deriveEventId} does.
 * @param position The part's position in the id's fixed order.
 * @param part The value; `undefined` and `null` stand for an absent field.
 */
export function mixIdPart(position: number, part: unknown): void {
  // Absent fields cost nothing: every present part starts with a mark of its position, its kind and its
  // length, so values cannot shift into a neighbour's place, absent or not.
  if (part === undefined || part === null) return;
  if (typeof part === 'number') {
    if (Number.isSafeInteger(part)) mixInteger(position, part);
    else mixText(position, String(part));
  } else if (typeof part === 'string') {
    const text = trimmed(part);
    if (text === '') return;
    // Digit strings meet the numbers they write: `"42"` mixes as `42`.
    const integer = readSafeInteger(text);
    if (integer === integer) mixInteger(position, integer);
    else mixText(position, text);
  } else mixText(position, partText(part));
}

/**
 * Mixes a normalized address in lower case: the same as `mixIdPart(position, address.toLowerCase())`, without
 * building the lower-case copy when the address is ASCII (an address is never blank nor a digit string).
 * @param position The part's position.
 * @param address A normalized address (trimmed, with an `@`), or `undefined`.
 */
export function mixIdLowerCaseAddress(position: number, address: string | undefined): void {
  if (address === undefined) return;
  const savedA = laneA;
  const savedB = laneB;
  const n = address.length;
  let a = Math.imul(laneA ^ ((position << 24) | (n & LENGTH_MASK)), PRIME_A);
  let b = Math.imul(laneB ^ ((position << 24) | (n & LENGTH_MASK)), PRIME_B);
  b ^= b >>> 15;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const low = lowerAscii(address.charCodeAt(i));
    const high = lowerAscii(address.charCodeAt(i + 1));
    if ((low | high) >= 0x80) break;
    const pair = low | (high << 16);
    a = Math.imul(a ^ pair, PRIME_A);
    b = Math.imul(b ^ pair, PRIME_B);
    b ^= b >>> 15;
  }
  if (i + 1 >= n) {
    if (i < n) {
      const unit = lowerAscii(address.charCodeAt(i));
      if (unit < 0x80) {
        a = Math.imul(a ^ unit, PRIME_A);
        b = Math.imul(b ^ unit, PRIME_B);
        b ^= b >>> 15;
        laneA = a;
        laneB = b;
        return;
      }
    } else {
      laneA = a;
      laneB = b;
      return;
    }
  }
  // Non-ASCII lower-casing may change the length: start the part again from the engine's lower case.
  laneA = savedA;
  laneB = savedB;
  mixIdPart(position, address.toLowerCase());
}

/**
 * Normalizes a recipient address and mixes it in lower case: the same as
 * `mixIdLowerCaseAddress(position, normalizeEmail(value))`, returning the normalized address (or `undefined`, when
 * nothing is mixed). A plain ASCII address, already trimmed and lower case in its domain (most of them), is checked
 * and mixed in one pass over its characters; any other goes through {@link normalizeEmail}.
 * @param position The part's position.
 * @param value The field as received.
 */
export function mixIdEmail(position: number, value: unknown): string | undefined {
  if (typeof value === 'string' && mixPlainAddress(position, value)) return value;
  const address = normalizeEmail(value);
  mixIdLowerCaseAddress(position, address);
  return address;
}

// Character classes of plain addresses, for the ASCII code units (see `mixPlainAddress`).
const LOCAL = 1; // of the local part: letters, digits and .!#$%&'*+/=?^_`{|}~-
const LABEL = 2; // of a domain label: a-z, 0-9 and -
const LETTER = 4; // a-z, which a top-level domain starts with
const UPPER = 32; // A-Z: the bit that lower-cases it
const ADDRESS_CLASSES = ((): Uint8Array => {
  const classes = new Uint8Array(128);
  const add = (characters: string, bits: number): void => {
    for (let i = 0; i < characters.length; i++) classes[characters.charCodeAt(i)]! |= bits;
  };
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  const upper = lower.toUpperCase();
  add(`${lower}${upper}0123456789.!#$%&'*+/=?^_\`{|}~-`, LOCAL);
  add(`${lower}0123456789-`, LABEL);
  add(lower, LETTER);
  add(upper, UPPER);
  return classes;
})();

/**
 * Checks that a text is a plain address, exactly as email.ts's `PLAIN_ADDRESS` does (1 to 64 characters of the
 * local part's class, `@`, labels of a-z, 0-9 and inner hyphens, a last label that starts with a letter and ends with no hyphen; at most
 * 254 characters), which `normalizeEmail` returns as it is; and, in the same pass, mixes it in lower case as
 * {@link mixIdLowerCaseAddress} does. When it is not one, nothing is mixed.
 */
function mixPlainAddress(position: number, text: string): boolean {
  const n = text.length;
  if (n > 254) return false;
  const classes = ADDRESS_CLASSES;
  let a = Math.imul(laneA ^ ((position << 24) | n), PRIME_A);
  let b = Math.imul(laneB ^ ((position << 24) | n), PRIME_B);
  b ^= b >>> 15;
  let at = -1;
  let labelStart = 0;
  let low = 0;
  for (let i = 0; i < n; i++) {
    let code = text.charCodeAt(i);
    if (code >= 128) return false;
    const bits = classes[code]!;
    if (at < 0) {
      if (code === 64) {
        if (i === 0 || i > 64) return false;
        at = i;
        labelStart = i + 1;
      } else if ((bits & LOCAL) === 0) return false;
      else code |= bits & UPPER;
    } else if (code === 46) {
      // A label before a dot: 1 to 63 characters, neither first nor last a hyphen.
      const length = i - labelStart;
      if (length < 1 || length > 63 || text.charCodeAt(labelStart) === 45 || text.charCodeAt(i - 1) === 45) return false;
      labelStart = i + 1;
    } else if ((bits & LABEL) === 0) return false;
    if ((i & 1) === 0) low = code;
    else {
      const pair = low | (code << 16);
      a = Math.imul(a ^ pair, PRIME_A);
      b = Math.imul(b ^ pair, PRIME_B);
      b ^= b >>> 15;
    }
  }
  // The last label: 1 to 63 characters, starting with a letter and not ending with a hyphen, after at least one
  // label and its dot.
  const length = n - labelStart;
  if (at < 0 || labelStart === at + 1 || length < 1 || length > 63 || text.charCodeAt(n - 1) === 45) return false;
  if ((classes[text.charCodeAt(labelStart)]! & LETTER) === 0) return false;
  if ((n & 1) !== 0) {
    a = Math.imul(a ^ low, PRIME_A);
    b = Math.imul(b ^ low, PRIME_B);
    b ^= b >>> 15;
  }
  laneA = a;
  laneB = b;
  return true;
}

/** An ASCII upper-case letter's lower case; any other code unit as it is. */
function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** Ends the id being derived: its 16 hex digits. */
export function endDerivedId(): string {
  return finish(laneA, laneB);
}

function mixInteger(position: number, integer: number): void {
  // The low 32 bits: `integer | 0` is `integer % 2^32 | 0` (both are the integer modulo 2^32, as a signed
  // 32-bit value) without the floating-point remainder, which the engine computes by a call into C.
  const low = integer | 0;
  const high = Math.floor(integer / TWO_32) | 0;
  const mark = (position << 24) | NUMBER_MARK;
  let a = Math.imul(laneA ^ mark, PRIME_A);
  let b = Math.imul(laneB ^ mark, PRIME_B);
  a = Math.imul(a ^ low, PRIME_A);
  b = Math.imul(b ^ low, PRIME_B);
  b ^= b >>> 15;
  a = Math.imul(a ^ high, PRIME_A);
  b = Math.imul(b ^ high, PRIME_B);
  b ^= b >>> 15;
  laneA = a;
  laneB = b;
}

function mixText(position: number, text: string): void {
  const mark = (position << 24) | (text.length & LENGTH_MASK);
  let a = Math.imul(laneA ^ mark, PRIME_A);
  let b = Math.imul(laneB ^ mark, PRIME_B);
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
  laneA = a;
  laneB = b;
}

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
  return toHex64(a, b);
}

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// The 16 digits are written by one `String.fromCharCode`: one flat string, where concatenating eight table
// entries built a tree of cons strings that every later comparison or hash of the id had to flatten.
const HEX_DIGIT_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

function toHex64(a: number, b: number): string {
  const d = HEX_DIGIT_CODES;
  return String.fromCharCode(
    d[a >>> 28]!, d[(a >>> 24) & 15]!, d[(a >>> 20) & 15]!, d[(a >>> 16) & 15]!,
    d[(a >>> 12) & 15]!, d[(a >>> 8) & 15]!, d[(a >>> 4) & 15]!, d[a & 15]!,
    d[b >>> 28]!, d[(b >>> 24) & 15]!, d[(b >>> 20) & 15]!, d[(b >>> 16) & 15]!,
    d[(b >>> 12) & 15]!, d[(b >>> 8) & 15]!, d[(b >>> 4) & 15]!, d[b & 15]!,
  );
}

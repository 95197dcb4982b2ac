/**
 * Derives a stable event id from the fields that identify an item, for providers that send no event id.
 * The same fields give the same id, so a redelivered event can be deduplicated; any difference in them gives
 * another id. A 64-bit non-cryptographic hash (two independent 32-bit lanes), written as 16 hex digits.
 * @param parts The identifying values, in a fixed order; `undefined` and `null` stand for an absent field.
 */
export function deriveEventId(parts: readonly unknown[]): string {
  // The parts are hashed one after another, with a separator unit between them, without building a key string:
  // concatenating first costs more than the hashing itself.
  let a = 0x811c9dc5;
  let b = 0x9e3779b9 ^ parts.length;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    let text: string;
    if (typeof part === 'string') text = part;
    else if (typeof part === 'number' || typeof part === 'boolean') text = String(part);
    else if (part === undefined || part === null) text = '';
    else text = JSON.stringify(part);
    // Absent fields still take their place (the separator), so values cannot shift into a neighbour's position.
    a = Math.imul(a ^ 0xffff, 0x01000193);
    b = Math.imul(b ^ 0xffff, 0x5bd1e995);
    b ^= b >>> 15;
    // Two UTF-16 units a step: half the multiplications; an odd last unit is mixed alone.
    const even = text.length & ~1;
    for (let i = 0; i < even; i += 2) {
      const pair = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      a = Math.imul(a ^ pair, 0x01000193);
      b = Math.imul(b ^ pair, 0x5bd1e995);
      b ^= b >>> 15;
    }
    if (even < text.length) {
      const unit = text.charCodeAt(even);
      a = Math.imul(a ^ unit, 0x01000193);
      b = Math.imul(b ^ unit, 0x5bd1e995);
      b ^= b >>> 15;
    }
  }
  return finish(a, b);
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

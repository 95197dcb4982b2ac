/**
 * Writes JSON text the way the fuzz properties need it: integers beyond 2^53 as bare number literals (which
 * `JSON.stringify` cannot do), any whitespace between tokens, and keys such as `__proto__` kept as plain members.
 */

/** An integer written as its bare digits in JSON text, never quoted: what Lingdong does with its big ids. */
export class BareInteger {
  /** @param digits The literal, e.g. `222016111000001234` or `-2201602002317593`. */
  constructor(readonly digits: string) {}
}

/** A number literal written exactly as given, such as `1e400` or `-0`, which no JS number reproduces. */
export class RawNumber {
  /** @param literal The literal as it appears in the text. */
  constructor(readonly literal: string) {}
}

/** A JSON value that may hold {@link BareInteger} and {@link RawNumber} leaves. */
export type TextValue =
  | null
  | boolean
  | number
  | string
  | BareInteger
  | RawNumber
  | Members
  | TextValue[]
  | { [key: string]: TextValue };

/** Members in the order they are written: an object whose keys may repeat or be `__proto__`. */
export class Members {
  /** @param entries Key and value pairs, written in this order. */
  constructor(readonly entries: readonly (readonly [string, TextValue])[]) {}
}

/** Whitespace to put around tokens: a function so each gap can differ. */
export type Spacer = () => string;

const NO_SPACE: Spacer = () => '';

/**
 * Writes a value as JSON text.
 * @param value The value; plain objects are written in their own key order.
 * @param space What goes between tokens (default nothing).
 */
export function writeJson(value: TextValue, space: Spacer = NO_SPACE): string {
  if (value instanceof BareInteger) return value.digits;
  if (value instanceof RawNumber) return value.literal;
  if (value instanceof Members) {
    const parts = value.entries.map(([key, item]) => `${space()}${JSON.stringify(key)}${space()}:${space()}${writeJson(item, space)}${space()}`);
    return `{${parts.join(',')}${parts.length === 0 ? space() : ''}}`;
  }
  if (Array.isArray(value)) {
    const parts = value.map((item) => `${space()}${writeJson(item, space)}${space()}`);
    return `[${parts.join(',')}${parts.length === 0 ? space() : ''}]`;
  }
  if (typeof value === 'object' && value !== null) {
    return writeJson(new Members(Object.entries(value)), space);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/**
 * Builds a plain object from pairs with every key as an own data property, `__proto__` included (an object
 * literal or assignment would set the prototype instead). This is what `JSON.parse` produces for such keys.
 * @param entries Key and value pairs.
 */
export function ownObject(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  return Object.fromEntries(entries) as Record<string, unknown>;
}

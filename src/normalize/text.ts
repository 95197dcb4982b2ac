/**
 * Reads a provider's free-text field: strings are trimmed and numbers written out; empty, whitespace-only,
 * `null` and missing values are absent (`undefined`).
 * @param value A field as received.
 * @returns The text, or `undefined` when there is none or the value is not text (an object, a boolean).
 */
export function readText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' ? undefined : text;
  }
  // `'' + value`, not `String(value)`: the same text, which the engine writes inline from its number-string
  // cache rather than through a call to the String constructor.
  if (typeof value === 'number') return Number.isFinite(value) ? '' + value : undefined;
  return undefined;
}

/**
 * Tells whether a value is a string with nothing but white space (or nothing at all), which counts as absent.
 * @param value A field as received.
 */
export function isBlankText(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === '') return true;
  // Only strings that start with white space can be blank: the common case costs one comparison.
  return value.charCodeAt(0) <= 32 || value.charCodeAt(0) >= 0x80 ? value.trim() === '' : false;
}

/**
 * Tells whether a free-text field is acceptable: absent, `null`, a string or a finite number.
 * @param value A field as received.
 */
export function isTextOrAbsent(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    typeof value === 'string' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

const DECIMAL_INTEGER = /^-?(?:0|[1-9]\d*)$/;

/**
 * Reads a provider id (an event, message or campaign id) as its exact decimal digits. Big ids arrive as digit
 * strings from the lossless JSON reader; small ones as numbers.
 * @param value A field as received.
 * @returns The digits (with `-` for negative ids); `undefined` when absent, or when it is a number beyond 2^53,
 *   which has lost digits already (an already-parsed body: another id with the same rounding would get the same
 *   digits, so the caller derives an id instead); `null` when present but not an integer.
 */
export function readIntegerId(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return null;
    return Number.isSafeInteger(value) ? String(value) : undefined;
  }
  if (typeof value === 'string') {
    if (isPlainInteger(value)) return value;
    const text = value.trim();
    if (text === '') return undefined;
    return DECIMAL_INTEGER.test(text) ? text : null;
  }
  return null;
}

/** Digits with an optional minus and no leading zero, checked without a regular expression (every item has one). */
function isPlainInteger(text: string): boolean {
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  const n = text.length;
  if (n === start) return false;
  if (text.charCodeAt(start) === 48) return n === start + 1 && start === 0;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

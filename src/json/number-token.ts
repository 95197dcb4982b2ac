/** Whether a UTF-16 code unit is an ASCII digit. */
export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Where the JSON number token that starts at `start` ends: digits, then any fraction and exponent.
 * @param text JSON text.
 * @param start The index of the token's first character (a digit or `-`).
 * @returns The index after the token, and whether it is an integer literal (no fraction, no exponent).
 */
export function numberTokenEnd(text: string, start: number): { end: number; integer: boolean } {
  let i = start;
  if (text.charCodeAt(i) === 45) i++;
  while (isDigit(text.charCodeAt(i))) i++;
  let integer = i > start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    // `.`, `e`, `E`, `+`, `-` or a digit continue a fraction or an exponent.
    if (c === 46 || c === 101 || c === 69 || c === 43 || c === 45 || isDigit(c)) {
      integer = false;
      i++;
    } else break;
  }
  return { end: i, integer };
}

const MAX_SAFE_DIGITS = '9007199254740991';

/**
 * Tells whether an integer literal (digits with an optional minus) is beyond `Number.MAX_SAFE_INTEGER`.
 * @param literal e.g. `222016111000001234`.
 */
export function isUnsafeIntegerLiteral(literal: string): boolean {
  const digits = literal.charCodeAt(0) === 45 ? literal.slice(1) : literal;
  return digits.length > 16 || (digits.length === 16 && digits > MAX_SAFE_DIGITS);
}

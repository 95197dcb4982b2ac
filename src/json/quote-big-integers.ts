import { isDigit, numberTokenEnd } from './number-token.js';

const MAX_SAFE_DIGITS = '9007199254740991';

/**
 * Tells whether an integer literal (digits with an optional minus) is beyond `Number.MAX_SAFE_INTEGER`.
 * @param literal e.g. `222016111000001234`.
 */
export function isUnsafeIntegerLiteral(literal: string): boolean {
  const digits = literal.charCodeAt(0) === 45 ? literal.slice(1) : literal;
  return digits.length > 16 || (digits.length === 16 && digits > MAX_SAFE_DIGITS);
}

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const ZERO = 48;

/**
 * Rewrites every integer literal beyond 2^53 outside strings into a string, wherever it stands (member value,
 * array element, the whole document). A character-by-character scan: exact for any input, and used only for
 * bodies that `restoreMemberIntegers` cannot settle.
 * @param text JSON text (valid or not: invalid text stays invalid).
 */
export function quoteBigIntegersExactly(text: string): string {
  const pieces: string[] = [];
  let copied = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      // Skip the string, escapes included.
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === BACKSLASH) i += 2;
        else if (c === QUOTE) break;
        else i++;
      }
      i++;
    } else if (code === MINUS || isDigit(code)) {
      const start = i;
      const token = numberTokenEnd(text, start);
      i = Math.max(token.end, start + 1);
      const literal = text.slice(start, i);
      const first = literal.charCodeAt(code === MINUS ? 1 : 0);
      // A leading zero is invalid JSON; quoting it would make it valid, so it is left for JSON.parse to reject.
      if (token.integer && first !== ZERO && isDigit(first) && isUnsafeIntegerLiteral(literal)) {
        pieces.push(text.slice(copied, start), '"', literal, '"');
        copied = i;
      }
    } else i++;
  }
  if (copied === 0) return text;
  pieces.push(text.slice(copied));
  return pieces.join('');
}

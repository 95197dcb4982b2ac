import { exactNumberText } from './exact-number-text.js';
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
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Whether a literal with a fraction or an exponent may stand for a value beyond 2^53: it has an exponent, or 16
 * or more integer digits. Cheap, so that ordinary fractions (coordinates) are never converted.
 */
function mayBeBeyondSafe(literal: string): boolean {
  let i = literal.charCodeAt(0) === MINUS ? 1 : 0;
  const start = i;
  while (isDigit(literal.charCodeAt(i))) i++;
  if (i - start >= 16) return true;
  for (; i < literal.length; i++) {
    const c = literal.charCodeAt(i);
    if (c === 101 || c === 69) return true;
  }
  return false;
}

/**
 * Rewrites every number literal beyond 2^53 outside strings into a string, wherever it stands (member value,
 * array element, the whole document): integers as their digits, literals with a fraction or an exponent as
 * {@link exactNumberText} gives them. A character-by-character scan: exact for any input, and used only for
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
      // Invalid literals (a leading zero, `1.e5`) are left for JSON.parse to reject: quoting would make them valid.
      if (token.integer) {
        if (isDigit(first) && first !== ZERO && isUnsafeIntegerLiteral(literal)) {
          pieces.push(text.slice(copied, start), '"', literal, '"');
          copied = i;
        }
      } else if (mayBeBeyondSafe(literal) && JSON_NUMBER.test(literal)) {
        const value = Math.abs(Number(literal));
        // Beyond a double's range (`1e400`) the value stays Infinity, which no reader takes.
        if (value > Number.MAX_SAFE_INTEGER && value !== Infinity) {
          pieces.push(text.slice(copied, start), '"', exactNumberText(literal), '"');
          copied = i;
        }
      }
    } else i++;
  }
  if (copied === 0) return text;
  pieces.push(text.slice(copied));
  return pieces.join('');
}

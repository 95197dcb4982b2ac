import { isDigit } from './number-token.js';

// Beyond this many digits an integer is far past any id (and past what a double can hold, about 309 digits):
// an exponent such as `1e1000000` is kept as written rather than expanded into a megabyte of zeros.
const MAX_INTEGER_DIGITS = 400;

/**
 * The exact text of a JSON number literal that has a fraction or an exponent, for a value beyond 2^53 that
 * `JSON.parse` may have rounded: its integer digits when the literal is a whole number
 * (`222016111000001234.0` and `2.22016111000001234e17` give `222016111000001234`), else the literal as written
 * (`9007199254740993.5`), which no integer reader accepts. Never a rounded value.
 * @param literal A valid JSON number literal.
 */
export function exactNumberText(literal: string): string {
  const negative = literal.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  while (i < literal.length && isDigit(literal.charCodeAt(i))) i++;
  let digits = literal.slice(negative ? 1 : 0, i);
  // Where the decimal point falls in `digits`, once the exponent has moved it.
  let point = digits.length;
  if (literal.charCodeAt(i) === 46) {
    const fractionStart = i + 1;
    i = fractionStart;
    while (i < literal.length && isDigit(literal.charCodeAt(i))) i++;
    digits += literal.slice(fractionStart, i);
  }
  if (i < literal.length) {
    // `e` or `E`, then an optional sign and digits.
    const exponent = Number(literal.slice(i + 1));
    if (!Number.isFinite(exponent) || Math.abs(exponent) > MAX_INTEGER_DIGITS) return literal;
    point += exponent;
  }
  // Leading zeros shift nothing but the point's distance from the first significant digit.
  let first = 0;
  while (first < digits.length - 1 && digits.charCodeAt(first) === 48 && first < point) first++;
  digits = digits.slice(first);
  point -= first;
  if (point > MAX_INTEGER_DIGITS || point <= 0) return literal;
  let integer: string;
  if (point >= digits.length) integer = digits + '0'.repeat(point - digits.length);
  else {
    // Whole only when every digit after the point is a zero.
    for (let k = point; k < digits.length; k++) if (digits.charCodeAt(k) !== 48) return literal;
    integer = digits.slice(0, point);
  }
  return negative ? `-${integer}` : integer;
}

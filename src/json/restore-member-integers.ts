import type { RoundedIntegers } from './find-rounded-integers.js';

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const MINUS = 45;
// Member names that need no escaping and cannot be mistaken for JSON punctuation.
const PLAIN_NAME = /^[A-Za-z_$][\w$-]*$/;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** An unescaped quote: preceded by an even number of backslashes. */
function isDelimiter(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** Whether `"name"` ends right before `end`, with both quotes unescaped. */
function isQuotedNameBefore(text: string, end: number, name: string): boolean {
  const open = end - name.length - 2;
  return (
    open >= 0 &&
    text.charCodeAt(end - 1) === QUOTE &&
    text.charCodeAt(open) === QUOTE &&
    text.startsWith(name, open + 1) &&
    isDelimiter(text, end - 1) &&
    isDelimiter(text, open)
  );
}

/**
 * Puts back the exact digits of member values that `JSON.parse` rounded, replacing each with a string of its
 * digits in its container.
 *
 * Each number is looked for by the leading digits of its rounded value (all but the last four, which rounding
 * may change), from where the previous one was found, with the engine's fast substring search: the text is read
 * about once. A hit counts only as a whole number token that is the value of a member of the right name, with
 * the same rounded value.
 *
 * Why such a hit is a real member and never text inside a string: both quotes of `"name"` are unescaped, so each
 * opens or closes a string. They cannot close one and open the next, because `name` would then stand outside any
 * string, which valid JSON (the text has already parsed) never allows for a plain name. So they enclose the
 * string `name`; as `:` follows, it is a member name and the number after it is that member's value.
 *
 * Why digits never go to the wrong member: hits are taken in document order, as the list is, and each list entry
 * has exactly one member in the text. An entry whose own digits do not start like its rounded value (rounding
 * carried into the leading digits) skips its member; then some later entry finds none, and the whole lookup
 * gives up. (With duplicate member names, which RFC 8259 advises against, the digits of a dropped duplicate of
 * the same rounded value could be taken.)
 * @param text The JSON text the document was parsed from.
 * @param rounded The rounded numbers, in document order.
 * @returns `false` when some number could not be settled this way (array elements, names that need escaping,
 *   integer-like keys, numbers of 21 digits or more): the caller then re-reads the text exactly. Nothing is
 *   changed in that case.
 */
export function restoreMemberIntegers(text: string, rounded: RoundedIntegers): boolean {
  if (rounded.outOfOrder) return false;
  const { containers, keys, values } = rounded;
  const digits: (string | undefined)[] = new Array(keys.length);
  let cursor = 0;
  for (let k = 0; k < keys.length; k++) {
    const name = keys[k];
    const value = values[k]!;
    if (typeof name !== 'string' || !PLAIN_NAME.test(name)) return false;
    const written = String(Math.abs(value));
    // From 1e21 on, numbers are written with an exponent: no digits to look for.
    if (written.includes('e')) return false;
    const prefix = written.slice(0, Math.max(1, written.length - 4));
    let found = false;
    while (!found) {
      const at = text.indexOf(prefix, cursor);
      if (at < 0) return false;
      cursor = at + 1;
      // A whole token: no digit before it, and the minus sign exactly when the value is negative.
      if (isDigit(text.charCodeAt(at - 1))) continue;
      const negative = text.charCodeAt(at - 1) === MINUS;
      if (negative !== value < 0) continue;
      const start = negative ? at - 1 : at;
      let i = start - 1;
      while (isWhitespace(text.charCodeAt(i))) i--;
      if (text.charCodeAt(i) !== COLON) continue;
      i--;
      while (isWhitespace(text.charCodeAt(i))) i--;
      if (!isQuotedNameBefore(text, i + 1, name)) continue;
      let end = at;
      while (isDigit(text.charCodeAt(end))) end++;
      // A fraction or exponent makes it a non-integer literal, which keeps the number JSON.parse gave.
      let tokenEnd = end;
      while (tokenEnd < text.length) {
        const c = text.charCodeAt(tokenEnd);
        if (c === 46 || c === 101 || c === 69 || c === 43 || c === MINUS || isDigit(c)) tokenEnd++;
        else break;
      }
      if (Number(text.slice(start, tokenEnd)) !== value) continue;
      digits[k] = tokenEnd === end ? text.slice(start, end) : undefined;
      cursor = tokenEnd;
      found = true;
    }
  }
  for (let k = 0; k < keys.length; k++) {
    const exact = digits[k];
    if (exact !== undefined) (containers[k] as Record<string, unknown>)[keys[k] as string] = exact;
  }
  return true;
}

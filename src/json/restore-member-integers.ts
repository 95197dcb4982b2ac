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

/**
 * Puts back the exact digits of member values that `JSON.parse` rounded, replacing each with a string of its
 * digits in its container. Looks up `"name"` from where the previous one was found, so the text is read about
 * once, with the engine's fast substring search.
 *
 * Why a match is a real member and never text inside a string: both quotes of `"name"` are unescaped, so each
 * opens or closes a string. They cannot close one and open the next, because `name` would then stand outside any
 * string, which valid JSON (the text has already parsed) never allows for a plain name. So they enclose the
 * string `name`, and since `:` follows, it is a member name and the number after it is that member's value.
 * Matches come in document order, as the list does, so two members with the same name and the same rounded
 * value get their own digits. (With duplicate member names, which RFC 8259 advises against, the digits of a
 * dropped duplicate of the same rounded value could be taken.)
 * @param text The JSON text the document was parsed from.
 * @param rounded The rounded numbers, in document order.
 * @returns `false` when some number could not be settled this way (array elements, names that need escaping,
 *   integer-like keys): the caller then re-reads the text exactly. Nothing is changed in that case.
 */
export function restoreMemberIntegers(text: string, rounded: RoundedIntegers): boolean {
  if (rounded.outOfOrder) return false;
  const { containers, keys, values } = rounded;
  for (const key of keys) {
    if (typeof key !== 'string' || !PLAIN_NAME.test(key)) return false;
  }
  const digits: (string | undefined)[] = new Array(keys.length);
  let cursor = 0;
  for (let k = 0; k < keys.length; k++) {
    const needle = `"${keys[k] as string}"`;
    let found = false;
    while (!found) {
      const at = text.indexOf(needle, cursor);
      if (at < 0) return false;
      cursor = at + needle.length;
      if (!isDelimiter(text, at) || !isDelimiter(text, cursor - 1)) continue;
      let i = cursor;
      while (isWhitespace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== COLON) continue;
      i++;
      while (isWhitespace(text.charCodeAt(i))) i++;
      const start = i;
      if (text.charCodeAt(i) === MINUS) i++;
      while (isDigit(text.charCodeAt(i))) i++;
      const end = i;
      // The member's value is a number token from `start`; a fraction or exponent makes it a non-integer.
      let integer = end > start;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === 46 || c === 101 || c === 69 || c === 43 || c === MINUS || isDigit(c)) {
          integer = false;
          i++;
        } else break;
      }
      if (i === start || Number(text.slice(start, i)) !== values[k]) continue;
      digits[k] = integer ? text.slice(start, end) : undefined;
      cursor = i;
      found = true;
    }
  }
  for (let k = 0; k < keys.length; k++) {
    const exact = digits[k];
    // A non-integer literal (`1.5e20`) keeps the number JSON.parse gave.
    if (exact !== undefined) (containers[k] as Record<string, unknown>)[keys[k] as string] = exact;
  }
  return true;
}

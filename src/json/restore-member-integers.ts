import { detachText } from './detach-text.js';
import { exactNumberText } from './exact-number-text.js';
import { leadingDigitsToFind, printedDigitCount } from './leading-digits.js';
import { isDigit, numberTokenEnd } from './number-token.js';
import type { JsonTreeScan } from './scan-json-tree.js';

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const MINUS = 45;
// Member names that need no escaping and cannot be mistaken for JSON punctuation.
const PLAIN_NAME = /^[A-Za-z_$][\w$-]*$/;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
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

/** How many `{` the text has, in strings or not: at least as many as the document's objects. */
function countBraces(text: string): number {
  let count = 0;
  for (let at = text.indexOf('{'); at >= 0; at = text.indexOf('{', at + 1)) count++;
  return count;
}

/**
 * Puts back the exact digits of member values that `JSON.parse` rounded, replacing each with a string of its
 * digits in its container (see {@link exactNumberText} for literals with a fraction or an exponent).
 *
 * Each number is looked for by leading digits it must share with its rounded value (see
 * {@link leadingDigitsToFind}), from where the previous one was found, with the engine's fast substring search:
 * the text is read about once. A hit counts only as a whole number token that is the value of a member of the
 * right name, and either an integer literal beyond 2^53 as long as the value printed (see below) or a literal
 * of the same rounded value.
 *
 * Why such a hit is a real member and never text inside a string: both quotes of `"name"` are unescaped, so each
 * opens or closes a string. They cannot close one and open the next, because `name` would then stand outside any
 * string, which valid JSON (the text has already parsed) never allows for a plain name. So they enclose the
 * string `name`; as `:` follows, it is a member name and the number after it is that member's value.
 *
 * Why digits never go to the wrong member: the list is in document order and so are the hits, and each entry
 * has exactly one member in the text, unless a member name is repeated in one object, which `JSON.parse` settles
 * by dropping the earlier member. A dropped member whose value holds objects leaves the text with more `{` than
 * the document has objects: such bodies are handed back. (One holding only arrays and plain values holds no
 * member for the search to find.) What is left is a member repeated in one object with two big integers that
 * round alike; the first one's digits are then taken.
 * @param text The JSON text the document was parsed from.
 * @param scan What the walk of the parsed document found.
 * @returns `false` when the numbers cannot be settled this way (array elements, names that need escaping,
 *   integer-like keys, repeated members, numbers with no safe leading digits): the caller then re-reads the text
 *   exactly. Nothing is changed in that case.
 */
export function restoreMemberIntegers(text: string, scan: JsonTreeScan): boolean {
  if (scan.orderUnknown) return false;
  const { containers, keys, values } = scan.rounded;
  if (countBraces(text) !== scan.objects) return false;
  const digits: (string | number)[] = new Array(keys.length);
  let checkedName = '';
  let lastValue = Number.NaN;
  let lastPrefix: string | undefined;
  // How many characters the value has when printed without exponent (with its minus sign), or -1.
  let lastLength = -1;
  let cursor = 0;
  for (let k = 0; k < keys.length; k++) {
    const name = keys[k];
    const value = values[k]!;
    if (typeof name !== 'string') return false;
    if (name !== checkedName) {
      if (!PLAIN_NAME.test(name)) return false;
      checkedName = name;
    }
    // Neighbouring ids often round to the same value: the digits to look for are then the same.
    if (value !== lastValue) {
      lastValue = value;
      lastPrefix = leadingDigitsToFind(value);
      lastLength = lastPrefix === undefined ? -1 : printedDigitCount(value) + (value < 0 ? 1 : 0);
    }
    const prefix = lastPrefix;
    if (prefix === undefined) return false;
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
      // The integer digits run on from the prefix; a fraction or an exponent may follow them.
      let end = at + prefix.length;
      while (isDigit(text.charCodeAt(end))) end++;
      const next = text.charCodeAt(end);
      const integer = next !== 46 && next !== 101 && next !== 69; // `.`, `e`, `E`
      if (!integer) end = numberTokenEnd(text, start).end;
      // An integer literal of 17 or more digits is beyond 2^53, so JSON.parse rounded it and it is on the list;
      // with this name, after the cursor, and as long as the printed value, it is this entry's own (the next one
      // on the list). Others (16 digits, a carry, a fraction) are checked by their value.
      const length = end - start;
      const listed = integer && length === lastLength && length - (negative ? 1 : 0) >= 17;
      const literal = text.slice(start, end);
      if (!listed && Number(literal) !== value) continue;
      // A fraction or exponent (`222016111000001234.0`) gives its exact integer digits when it is whole, else
      // the literal as written: never the rounded value, which another literal may share. Beyond a double's
      // range (`1e400`) the value stays Infinity, which no reader takes.
      digits[k] = integer ? detachText(literal) : Number.isFinite(value) ? detachText(exactNumberText(literal)) : value;
      cursor = end;
      found = true;
    }
  }
  for (let k = 0; k < keys.length; k++) (containers[k] as Record<string, unknown>)[keys[k] as string] = digits[k];
  return true;
}

import { detachText } from './detach-text.js';
import { exactNumberText } from './exact-number-text.js';
import { isDigit, isUnsafeIntegerLiteral } from './number-token.js';

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COMMA = 44;
const COLON = 58;
const DOT = 46;
const LOWER_E = 101;
const UPPER_E = 69;

type Container = Record<string, unknown> | unknown[];

/** Where the string that opens at `start` closes: the next quote not escaped by an odd run of backslashes. */
function closingQuote(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end > 0) {
    let backslashes = 0;
    for (let i = end - 1; text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

function isRounded(value: unknown): value is number {
  return typeof value === 'number' && (value > Number.MAX_SAFE_INTEGER || value < -Number.MAX_SAFE_INTEGER);
}

/**
 * The exact text of a number literal whose parsed value was rounded: an integer literal's digits (even past a
 * double's range, where the value is Infinity), a whole fraction or exponent literal's integer digits, any other
 * literal as written; `undefined` for a fraction or exponent literal beyond a double's range (it stays Infinity).
 */
function exactTextOf(literal: string, integer: boolean, parsed: number): string | undefined {
  // Copied out of the body, so that the number does not keep the body alive (see detachText).
  if (integer) return detachText(literal);
  return Number.isFinite(parsed) ? detachText(exactNumberText(literal)) : undefined;
}

/**
 * Puts back the exact text of every number `JSON.parse` rounded (beyond 2^53), wherever it stands, by walking the
 * JSON text once in step with the parsed document: a stack of the containers being read, the member name or
 * element index in each. Strings are skipped with the engine's substring search; only structure and number
 * tokens are read a character at a time, so the cost is linear in the text and does not grow with how many
 * numbers need restoring. Used when the member-name search of `restoreMemberIntegers` cannot settle a body
 * (array elements, integer-like keys, repeated members, many big numbers).
 *
 * A member whose name is repeated in one object is kept by `JSON.parse` from its last occurrence; an earlier
 * occurrence that holds a container is walked in step with nothing (its digits go nowhere). An earlier scalar
 * occurrence with a number that rounds like the kept one lends its digits (the known duplicate-name limit).
 * @param text The JSON text (already parsed, so valid).
 * @param root The document `JSON.parse` gave for it.
 * @param maxDepth How deep the document nests at most (checked before).
 * @returns The document, with rounded numbers replaced in place by strings (or a string, when the whole document
 *   is such a number).
 */
export function restoreByWalk(text: string, root: unknown, maxDepth: number): unknown {
  const containers: (Container | null)[] = new Array(maxDepth + 1);
  const names: (string | undefined)[] = new Array(maxDepth + 1);
  const indexes: number[] = new Array(maxDepth + 1).fill(0);
  const arrays: boolean[] = new Array(maxDepth + 1).fill(false);
  // depth 0 is outside the document: its one "member" is the document itself.
  let depth = 0;
  let inArray = false;
  let expectName = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (expectName) {
        const raw = text.slice(i + 1, end);
        names[depth] = raw.indexOf('\\') < 0 ? raw : (JSON.parse(text.slice(i, end + 1)) as string);
      }
      i = end + 1;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const parent = depth === 0 ? null : containers[depth];
      let child: unknown;
      if (depth === 0) child = root;
      else if (parent !== null) child = inArray ? (parent as unknown[])[indexes[depth]!] : (parent as Record<string, unknown>)[names[depth]!];
      depth++;
      inArray = c === OPEN_ARRAY;
      // A container dropped by a repeated member name is walked in step with nothing.
      containers[depth] = typeof child === 'object' && child !== null && Array.isArray(child) === inArray ? (child as Container) : null;
      arrays[depth] = inArray;
      indexes[depth] = 0;
      expectName = !inArray;
      i++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      inArray = arrays[depth]!;
      expectName = false;
      i++;
    } else if (c === COMMA) {
      if (inArray) indexes[depth]!++;
      else expectName = true;
      i++;
    } else if (c === COLON) {
      expectName = false;
      i++;
    } else if (c === MINUS || isDigit(c)) {
      const start = i;
      i++;
      let integerDigits = c === MINUS ? 0 : 1;
      while (i < n && isDigit(text.charCodeAt(i))) {
        i++;
        integerDigits++;
      }
      let plain = true;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === DOT || d === LOWER_E || d === UPPER_E || d === 43 || d === MINUS || isDigit(d)) {
          plain = false;
          i++;
        } else break;
      }
      // Only 16 or more integer digits, or an exponent, can be beyond 2^53.
      if (integerDigits < 16 && plain) continue;
      const literal = text.slice(start, i);
      if (plain && !isUnsafeIntegerLiteral(literal)) continue;
      if (depth === 0) {
        if (isRounded(root)) return exactTextOf(literal, plain, root) ?? root;
        continue;
      }
      const container = containers[depth];
      if (container === null) continue;
      if (inArray) {
        const at = indexes[depth]!;
        const value = (container as unknown[])[at];
        if (isRounded(value)) {
          const exact = exactTextOf(literal, plain, value);
          if (exact !== undefined) (container as unknown[])[at] = exact;
        }
      } else {
        const name = names[depth]!;
        const value = (container as Record<string, unknown>)[name];
        if (isRounded(value) && (Number(literal) === value || !Number.isFinite(value))) {
          const exact = exactTextOf(literal, plain, value);
          if (exact !== undefined) (container as Record<string, unknown>)[name] = exact;
        }
      }
    } else i++;
  }
  return root;
}

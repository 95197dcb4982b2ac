import { WebhookError } from '../errors.js';
import { decodeUtf8 } from './decode-utf8.js';
import { checkJsonTree, scanJsonTree } from './scan-json-tree.js';
import { restoreByWalk } from './restore-by-walk.js';
import { restoreMemberIntegers } from './restore-member-integers.js';

/** How deep a body may nest. Provider bodies nest 3 or 4 levels; this leaves room for nested custom fields. */
export const MAX_JSON_DEPTH = 64;

/** A body read as JSON text, before big numbers are restored. */
export interface ParsedJsonText {
  /** The text, BOM dropped. */
  text: string;
  /** What `JSON.parse` gave: numbers beyond 2^53 may be rounded. */
  value: unknown;
}

/**
 * Reads a body as JSON with the engine's `JSON.parse`, leaving the restore of big numbers for later (see
 * {@link restoreBigNumbers}), so that a caller can refuse a body by its shape before paying for it.
 * @param body The body as text or bytes (UTF-8; a leading BOM is ignored).
 * @throws {WebhookError} `invalid_json` for empty, non-UTF-8 or malformed bodies.
 */
export function parseJsonText(body: string | Uint8Array | ArrayBuffer): ParsedJsonText {
  let text = typeof body === 'string' ? body : decodeUtf8(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new WebhookError('invalid_json', 'body is empty');
  return { text, value: parseOrThrow(text) };
}

// The member-name search costs one lookup per rounded number, and skips the text between them with the engine's
// substring search; the walk reads every character outside strings. So the search pays when big numbers are
// sparse (a real batch: one or two ids in a record of hundreds of characters), the walk when they are dense (a
// hostile body of nothing but big numbers). The search is used up to one number per this many characters.
const CHARACTERS_PER_SEARCHED_NUMBER = 100;

/**
 * Checks the depth of a parsed body and puts back the exact digits of its numbers beyond 2^53: integers become
 * strings of their digits (`222016111000001234` stays `"222016111000001234"`), whole fraction and exponent
 * literals (`222016111000001234.0`) their integer digits, other big literals their text as written.
 *
 * A walk of the parsed document finds numbers `JSON.parse` rounded; member values are looked up in the text by
 * their digits (see {@link restoreMemberIntegers}); anything else (array elements, dense numbers) is settled by
 * one walk of the text in step with the document (see {@link restoreByWalk}). Both are linear in the text.
 * @param parsed What {@link parseJsonText} gave.
 * @returns The document, changed in place where it could be.
 * @throws {WebhookError} `invalid_json` when the body nests too deeply.
 */
export function restoreBigNumbers(parsed: ParsedJsonText): unknown {
  const { text, value } = parsed;
  const check = checkJsonTree(value, MAX_JSON_DEPTH);
  if (check === 'exact') return value;
  const maxSearched = Math.floor(text.length / CHARACTERS_PER_SEARCHED_NUMBER);
  const scan = scanJsonTree(value, MAX_JSON_DEPTH, maxSearched + 1);
  if (scan.tooDeep) throw new WebhookError('invalid_json', `body nests deeper than ${MAX_JSON_DEPTH} levels`);
  const rounded = scan.roundedCount;
  if (rounded === 0) return value;
  if (rounded <= maxSearched && restoreMemberIntegers(text, scan)) return value;
  return restoreByWalk(text, value, MAX_JSON_DEPTH);
}

/**
 * Parses a webhook body as JSON without losing digits: integers beyond 2^53 become strings of their exact
 * digits (`222016111000001234` stays `"222016111000001234"`), everything else is what `JSON.parse` gives
 * (see {@link restoreBigNumbers}).
 * @param body The body as text or bytes (UTF-8; a leading BOM is ignored).
 * @returns The parsed document.
 * @throws {WebhookError} `invalid_json` for empty, non-UTF-8, malformed or too deeply nested bodies.
 */
export function readLosslessJson(body: string | Uint8Array | ArrayBuffer): unknown {
  return restoreBigNumbers(parseJsonText(body));
}

const POSITION = /position (\d+)/;

function parseOrThrow(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    // The engine's message quotes the body, escape characters included; neither our message nor the cause
    // handed on to onError may carry it, so both give only the position.
    const position = cause instanceof Error ? POSITION.exec(cause.message)?.[1] : undefined;
    const where = position === undefined ? '' : ` (at character ${position})`;
    throw new WebhookError('invalid_json', `body is not valid JSON${where}`, {
      cause: new SyntaxError(`JSON.parse refused the body${where}`),
    });
  }
}

import { WebhookError } from '../errors.js';
import { decodeUtf8 } from './decode-utf8.js';
import { scanJsonTree } from './scan-json-tree.js';
import { quoteBigIntegersExactly } from './quote-big-integers.js';
import { restoreMemberIntegers } from './restore-member-integers.js';

/** How deep a body may nest. Provider bodies nest 3 or 4 levels; this leaves room for nested custom fields. */
export const MAX_JSON_DEPTH = 64;

/**
 * Parses a webhook body as JSON without losing digits: integers beyond 2^53 become strings of their exact
 * digits (`222016111000001234` stays `"222016111000001234"`), everything else is what `JSON.parse` gives.
 *
 * The engine's `JSON.parse` does the parsing; a walk of the result finds numbers it rounded, and only their
 * digits are looked up in the text (see {@link restoreMemberIntegers}). Bodies it cannot settle that way are
 * re-read exactly, character by character.
 * @param body The body as text or bytes (UTF-8; a leading BOM is ignored).
 * @returns The parsed document.
 * @throws {WebhookError} `invalid_json` for empty, non-UTF-8, malformed or too deeply nested bodies.
 */
export function readLosslessJson(body: string | Uint8Array | ArrayBuffer): unknown {
  let text = typeof body === 'string' ? body : decodeUtf8(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new WebhookError('invalid_json', 'body is empty');

  let value = parseOrThrow(text);
  const scan = scanJsonTree(value, MAX_JSON_DEPTH);
  if (scan.tooDeep) throw new WebhookError('invalid_json', `body nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (scan.rounded.values.length > 0 && !restoreMemberIntegers(text, scan)) {
    value = parseOrThrow(quoteBigIntegersExactly(text));
  }
  return value;
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

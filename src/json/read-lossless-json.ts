import { WebhookError } from '../errors.js';
import { decodeUtf8 } from './decode-utf8.js';
import { inspectJsonTree } from './inspect-json-tree.js';
import { quoteBigIntegersExactly, quoteBigMemberIntegers } from './quote-big-integers.js';

/** How deep a body may nest. Provider bodies nest 3 or 4 levels; this leaves room for nested custom fields. */
export const MAX_JSON_DEPTH = 64;

// Whether a body likely carries big member integers, judged on its head only: a full scan costs a third of
// JSON.parse, and Lingdong puts a big `id` in the first item. A wrong guess costs time, never digits.
const BIG_MEMBER_INTEGER_HINT = /:[ \t\n\r]*-?[1-9]\d{15}/;
const HINT_WINDOW = 4096;

/**
 * Parses a webhook body as JSON without losing digits: integers beyond 2^53 become strings of their exact
 * digits (`222016111000001234` stays `"222016111000001234"`), everything else is what `JSON.parse` gives.
 * @param body The body as text or bytes (UTF-8; a leading BOM is ignored).
 * @returns The parsed document.
 * @throws {WebhookError} `invalid_json` for empty, non-UTF-8, malformed or too deeply nested bodies.
 */
export function readLosslessJson(body: string | Uint8Array | ArrayBuffer): unknown {
  let text = typeof body === 'string' ? body : decodeUtf8(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new WebhookError('invalid_json', 'body is empty');

  let value: unknown;
  let quoted = false;
  if (BIG_MEMBER_INTEGER_HINT.test(text.slice(0, HINT_WINDOW))) {
    const rewritten = quoteBigMemberIntegers(text);
    if (rewritten !== text) {
      try {
        value = JSON.parse(rewritten);
        quoted = true;
      } catch {
        // Either the body is not JSON, or a match sat inside a string: settle it on the original text below.
      }
    }
  }
  if (!quoted) value = parseOrThrow(text);

  let report = inspectJsonTree(value, MAX_JSON_DEPTH);
  if (report.hasUnsafeInteger && !report.tooDeep) {
    // Digits were lost where the fast rewrite does not reach (array elements, big ids past the head, a match
    // inside a string): redo it exactly.
    value = parseOrThrow(quoteBigIntegersExactly(text));
    report = inspectJsonTree(value, MAX_JSON_DEPTH);
  }
  if (report.tooDeep) {
    throw new WebhookError('invalid_json', `body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return value;
}

const POSITION = /position (\d+)/;

function parseOrThrow(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    // The engine's message quotes the body; ours gives only a position, so no input is echoed to the sender.
    const position = cause instanceof Error ? POSITION.exec(cause.message)?.[1] : undefined;
    const where = position === undefined ? '' : ` (at character ${position})`;
    throw new WebhookError('invalid_json', `body is not valid JSON${where}`, { cause });
  }
}

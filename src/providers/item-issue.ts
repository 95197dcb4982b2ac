import * as v from 'valibot';
import type { WebhookIssue } from '../result.js';

/**
 * Explains why an item could not be decoded, from its schema. The issue's path goes down to the first bad
 * field (`['clicks', 3, 'email']`); its message names that problem and any others in the same item.
 * @param schema The item kind's schema.
 * @param item The item as received.
 * @param path Where the item sits in the body.
 */
export function explainBadItem(
  schema: v.GenericSchema,
  item: unknown,
  path: (string | number)[],
): WebhookIssue {
  const result = v.safeParse(schema, item, { abortEarly: false });
  if (result.success) {
    // The schema and the decoder read fields through the same normalizers, so this is not expected; report the
    // item anyway rather than lose it.
    return { path, message: 'could not be decoded', input: item };
  }
  const [first, ...rest] = result.issues;
  const firstKeys = keysOf(first);
  let message = first.message;
  for (const other of rest) {
    const keys = keysOf(other);
    message += `; ${keys.length > 0 ? `${keys.join('.')}: ` : ''}${other.message}`;
  }
  return { path: [...path, ...firstKeys], message, input: item };
}

function keysOf(issue: v.BaseIssue<unknown>): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const item of issue.path ?? []) {
    if (typeof item.key === 'string' || typeof item.key === 'number') keys.push(item.key);
  }
  return keys;
}

const PLAIN_KEY = /^[\p{L}\p{N}_$-]{1,64}$/u;
const LONGEST_KEY = 64;

/**
 * Writes one path key: plain names as they are, others quoted with their control characters escaped and cut to
 * 64 characters. Keys come from the body, and the result ends up in error messages, answers and logs.
 */
function formatKey(key: string): string {
  if (PLAIN_KEY.test(key)) return key;
  const cut = key.length > LONGEST_KEY ? `${key.slice(0, LONGEST_KEY)}…` : key;
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Writes an issue the way a person reads it: `clicks[3].email: not an email address`. Keys that are not plain
 * names are quoted and escaped, so a body cannot put line breaks or terminal escapes into the text.
 * @param issue An issue from a {@link WebhookResult}.
 */
export function formatIssue(issue: WebhookIssue): string {
  let where = '';
  for (const key of issue.path) {
    if (typeof key === 'number') where += `[${key}]`;
    else where += where === '' ? formatKey(key) : `.${formatKey(key)}`;
  }
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}

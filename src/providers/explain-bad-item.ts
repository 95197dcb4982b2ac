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

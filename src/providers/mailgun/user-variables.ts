import { isItem } from '../item.js';

/**
 * Writes one user variable as text: strings as they are, numbers and booleans written out, objects and arrays as
 * JSON (Mailgun passes on whatever JSON the sender attached); `null` and blank strings are left out.
 */
function variableText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * Reads Mailgun's `user-variables` (the sender's `v:` variables / `X-Mailgun-Variables`) as metadata.
 * @param value The field as received.
 * @returns The variables as text, or `undefined` when there are none (or the field is not an object).
 */
export function readUserVariables(value: unknown): Record<string, string> | undefined {
  if (!isItem(value)) return undefined;
  let metadata: Record<string, string> | undefined;
  for (const key in value) {
    const text = variableText(value[key]);
    if (text === undefined) continue;
    metadata ??= {};
    // Names come from the sender: a `__proto__` variable must become an own key, not the record's prototype.
    if (key === '__proto__') Object.defineProperty(metadata, key, { value: text, enumerable: true, writable: true, configurable: true });
    else metadata[key] = text;
  }
  return metadata;
}

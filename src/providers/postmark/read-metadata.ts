import { readText } from '../../normalize/text.js';
import { isItem } from '../item.js';

/**
 * Reads Postmark's `Metadata`: an object of text values (Postmark stores every value as a string).
 * @param value The field as received.
 * @returns The entries whose values are text (numbers written out), or `undefined` when there are none.
 */
export function readPostmarkMetadata(value: unknown): Record<string, string> | undefined {
  if (!isItem(value)) return undefined;
  let metadata: Record<string, string> | undefined;
  for (const key of Object.keys(value)) {
    const text = readText(value[key]);
    if (text === undefined) continue;
    // A null-prototype object: keys come from the sender, and `__proto__` must stay a plain key.
    metadata ??= Object.create(null) as Record<string, string>;
    metadata[key] = text;
  }
  return metadata === undefined ? undefined : { ...metadata };
}

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
    metadata ??= {};
    // Keys come from the sender: `__proto__` must stay a plain key, not set the object's prototype.
    if (key === '__proto__') Object.defineProperty(metadata, key, { value: text, enumerable: true, writable: true, configurable: true });
    else metadata[key] = text;
  }
  return metadata;
}

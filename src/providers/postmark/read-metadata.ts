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
  // The own enumerable keys in Object.keys' order, without building its array: this runs on every record.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const text = readText(value[key]);
    if (text === undefined) continue;
    metadata ??= {};
    // Names come from the sender: `__proto__` must become an own key, not the record's prototype (as
    // setMetadataEntry does; stored here so that this store sees Postmark's metadata only).
    if (key === '__proto__') {
      Object.defineProperty(metadata, key, { value: text, enumerable: true, writable: true, configurable: true });
    } else {
      metadata[key] = text;
    }
  }
  return metadata;
}

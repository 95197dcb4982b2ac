import { readText } from '../../normalize/text.js';
import { setMetadataEntry } from '../../normalize/metadata.js';
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
    setMetadataEntry(metadata, key, text);
  }
  return metadata;
}

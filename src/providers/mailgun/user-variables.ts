import { metadataText, setMetadataEntry } from '../../normalize/metadata.js';
import { isItem } from '../item.js';

/**
 * Reads Mailgun's `user-variables` (the sender's `v:` variables / `X-Mailgun-Variables`) as metadata.
 * @param value The field as received.
 * @returns The variables as text, or `undefined` when there are none (or the field is not an object).
 */
export function readUserVariables(value: unknown): Record<string, string> | undefined {
  if (!isItem(value)) return undefined;
  let metadata: Record<string, string> | undefined;
  for (const key in value) {
    const text = metadataText(value[key]);
    if (text === undefined) continue;
    metadata ??= {};
    setMetadataEntry(metadata, key, text);
  }
  return metadata;
}

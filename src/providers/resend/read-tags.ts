import { readText } from '../../normalize/text.js';
import { setMetadataEntry } from '../../normalize/metadata.js';
import { isItem } from '../item.js';

/** Resend's tags as this library's `tags` (`name:value`) and `metadata` (`{ name: value }`). */
export interface ResendTags {
  tags?: string[];
  metadata?: Record<string, string>;
}

/**
 * Reads `data.tags`: an object of names and values in webhook payloads, an array of `{ name, value }` in the send
 * API (accepted too).
 * @param value The field as received.
 */
export function readResendTags(value: unknown): ResendTags {
  const pairs: [string, string | undefined][] = [];
  if (Array.isArray(value)) {
    for (const tag of value) {
      const name = isItem(tag) ? readText(tag.name) : undefined;
      if (name !== undefined) pairs.push([name, readText((tag as Record<string, unknown>).value)]);
    }
  } else if (isItem(value)) {
    for (const name of Object.keys(value)) if (name.trim() !== '') pairs.push([name, readText(value[name])]);
  }
  if (pairs.length === 0) return {};
  const tags: string[] = [];
  const metadata: Record<string, string> = {};
  let hasMetadata = false;
  for (const [name, text] of pairs) {
    tags.push(text === undefined ? name : `${name}:${text}`);
    if (text !== undefined) {
      setMetadataEntry(metadata, name, text);
      hasMetadata = true;
    }
  }
  return hasMetadata ? { tags, metadata } : { tags };
}

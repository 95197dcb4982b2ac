import { readText } from '../../normalize/text.js';
import type { EventDraft } from '../event-fields.js';
import { isItem } from '../item.js';

/** Adds one tag: `name:value` to the tags, and `name` to the metadata when it has a value. */
function addTag(event: EventDraft, name: string, text: string | undefined): void {
  const tags = (event.tags ??= []) as string[];
  if (text === undefined) {
    tags.push(name);
    return;
  }
  tags.push(`${name}:${text}`);
  const metadata = (event.metadata ??= {}) as Record<string, string>;
  // Names come from the sender: `__proto__` must become an own key, not the record's prototype (as
  // setMetadataEntry does; stored here so that this store sees Resend's metadata only).
  if (name === '__proto__') {
    Object.defineProperty(metadata, name, { value: text, enumerable: true, writable: true, configurable: true });
  } else {
    metadata[name] = text;
  }
}

/**
 * Adds Resend's `data.tags` to an event, as this library's `tags` (`name:value`, or `name` alone for a tag
 * without a value) and `metadata` (`{ name: value }`, tags with a value only). In webhook payloads `data.tags` is
 * an object of names and values; the send API's array of `{ name, value }` is accepted too. Written into the
 * event rather than returned, so a body without tags allocates nothing.
 * @param event The event under construction (without `tags` or `metadata` yet).
 * @param value The field as received.
 */
export function setResendTags(event: EventDraft, value: unknown): void {
  if (Array.isArray(value)) {
    for (const tag of value) {
      const name = isItem(tag) ? readText(tag.name) : undefined;
      if (name !== undefined) addTag(event, name, readText((tag as Record<string, unknown>).value));
    }
  } else if (isItem(value)) {
    for (const name of Object.keys(value)) if (name.trim() !== '') addTag(event, name, readText(value[name]));
  }
}

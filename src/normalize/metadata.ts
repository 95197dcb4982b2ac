// The sender's own data attached to a message (SendGrid custom args, Mailgun user variables, Postmark Metadata,
// Resend tags), as the event's `metadata`: a record of text.

/**
 * Writes one metadata value as text: strings as they are, numbers and booleans written out, objects and arrays as
 * JSON (providers pass on whatever JSON the sender attached); `null` and blank strings are left out.
 * @param value A value as received.
 */
export function metadataText(value: unknown): string | undefined {
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
 * Sets one metadata entry. Names come from the sender: `__proto__` must become an own key, not the record's
 * prototype.
 * @param metadata The record being filled.
 * @param key The sender's name.
 * @param text The value as text.
 */
export function setMetadataEntry(metadata: Record<string, string>, key: string, text: string): void {
  if (key === '__proto__') {
    Object.defineProperty(metadata, key, { value: text, enumerable: true, writable: true, configurable: true });
  } else {
    metadata[key] = text;
  }
}

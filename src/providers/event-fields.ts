import type { EmailEvent, ProviderName } from '../events.js';

/** An event under construction: the fields every event has, optional ones added with {@link setField}. */
export type EventDraft = Record<string, unknown>;

/**
 * Starts an event with the fields every event has, in one fixed order (one object shape per kind keeps the
 * decoders fast).
 */
export function startEvent(
  type: EmailEvent['type'],
  provider: ProviderName,
  id: string,
  recipient: string | undefined,
  instant: number | undefined,
): EventDraft {
  const occurredAt = instant === undefined ? undefined : new Date(instant);
  // Whole literals rather than fields added one by one: each is allocated at its final size with one shape.
  if (recipient === undefined) return { type, provider, id, occurredAt };
  return { type, provider, id, recipient, occurredAt };
}

/**
 * Adds an optional field when it has a value: absent fields stay absent rather than present as `undefined`.
 */
export function setField(event: EventDraft, key: string, value: unknown): void {
  if (value !== undefined) event[key] = value;
}

/** Ends an event: adds the provider's original item as `raw`. */
export function finishEvent(event: EventDraft, raw: Record<string, unknown>): EmailEvent {
  event.raw = raw;
  return event as unknown as EmailEvent;
}

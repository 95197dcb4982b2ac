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

/** A constructor of events of one provider: see {@link eventConstructorFor}. */
export type EventConstructor = new (
  type: EmailEvent['type'],
  id: string,
  recipient: string | undefined,
  occurredAt: Date | undefined,
) => EventDraft;

/**
 * A constructor that makes an event's first fields (the keys and order of {@link startEvent}: `type`,
 * `provider`, `id`, `recipient` when known, `occurredAt`) by `new`. The engine then reserves room inside the
 * object for the fields added after them (slack tracking), where an object literal has room for its own keys
 * only and every later field goes to a separate array, grown as they come. Its prototype is `Object.prototype`,
 * so an event is a plain object. Each call makes a new constructor, so each provider's events keep shapes of
 * their own; call it once per provider, at module level.
 * @param provider The provider whose events it makes.
 */
export function eventConstructorFor(provider: ProviderName): EventConstructor {
  const ProviderEvent = function (
    this: EventDraft,
    type: EmailEvent['type'],
    id: string,
    recipient: string | undefined,
    occurredAt: Date | undefined,
  ): void {
    this.type = type;
    this.provider = provider;
    this.id = id;
    if (recipient !== undefined) this.recipient = recipient;
    this.occurredAt = occurredAt;
  } as unknown as EventConstructor;
  ProviderEvent.prototype = Object.prototype;
  return ProviderEvent;
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

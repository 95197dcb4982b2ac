import type { EventSpec } from '../providers/provider.js';

/**
 * Refuses a spec whose type or fields a provider cannot write, so that a test kit never drops a field silently
 * and `parseWebhook(buildBody(p, specs))` gives back every field of `specs`.
 * @param provider The provider's title, for the message.
 * @param spec The event to write.
 * @param writable The fields the provider can write for this type, besides `type`; `undefined` when it cannot
 *   write the type at all.
 * @throws {TypeError} Naming the type or the first field the provider cannot write.
 */
export function assertWritableSpec(provider: string, spec: EventSpec, writable: ReadonlySet<string> | undefined): void {
  if (writable === undefined) throw new TypeError(`${provider} sends no ${spec.type} events`);
  for (const [field, value] of Object.entries(spec)) {
    if (field === 'type' || value === undefined) continue;
    if (!writable.has(field)) throw new TypeError(`${provider} cannot write ${field} on ${spec.type} events`);
  }
}

/**
 * The whole seconds since the epoch of an instant, for providers whose times have no fraction.
 * @param provider The provider's title, for the message.
 * @param instant The instant.
 * @throws {TypeError} When the instant is invalid or has milliseconds the provider cannot send.
 */
export function wholeSeconds(provider: string, instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms) || ms % 1000 !== 0) {
    throw new TypeError(`${provider} times are whole seconds: ${String(instant)} cannot be written`);
  }
  return ms / 1000;
}

/**
 * Tells whether an id is plain decimal digits (no sign, no leading zero): such ids are written as bare integer
 * literals where the provider sends numbers.
 * @param text An id.
 */
export function isDecimalInteger(text: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(text);
}

import type * as v from 'valibot';
import type { EmailEvent } from '../events.js';
import { isBlankText } from '../normalize/text.js';

/** A provider item: a JSON object. */
export type Item = Record<string, unknown>;

/** Tells whether a value is a provider item (an object, not an array or `null`). */
export function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What decoding one item gives: its event, or, when it cannot become one, the schema of the kind it claims to
 * be, which explains why (see `explainBadItem`). The decoder that knows the kind picks the schema, so the
 * explanation is always the one of the kind the decoder tried.
 */
export type ItemOutcome = EmailEvent | v.GenericSchema;

/** Tells an event from a schema in an {@link ItemOutcome}. */
export function isEvent(outcome: ItemOutcome): outcome is EmailEvent {
  return 'provider' in outcome;
}

/**
 * Reads an optional time field with the provider's reader.
 * @param value The field as received: absent, `null`, empty and whitespace-only count as no time.
 * @param read The provider's reader, giving `undefined` for unreadable values.
 * @returns Milliseconds since the epoch, `undefined` for no time, or `null` when present but unreadable (the
 *   item is then an issue): the library's one "present but invalid" value, as for ids and coordinates.
 */
export function readOptionalInstant(
  value: unknown,
  read: (value: unknown) => number | undefined,
): number | undefined | null {
  if (value === undefined || value === null || isBlankText(value)) return undefined;
  const instant = read(value);
  return instant === undefined ? null : instant;
}

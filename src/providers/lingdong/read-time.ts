import { isReadableDateTime, parseProviderDateTime, readEpochMillis } from '../../normalize/time.js';

const DIGITS_ONLY = /^\s*\d+\s*$/;

/**
 * Reads a Lingdong time: `yyyy-MM-dd HH:mm:ss` wall-clock text in `timeZone` (what webhooks carry), or
 * milliseconds since the epoch (what the API reference documents for `updatedAt`), as a number or digit string.
 * @param value A field as received.
 * @param timeZone The zone of wall-clock text.
 * @returns Milliseconds since the epoch; `undefined` when unreadable.
 */
export function readLingdongTime(value: unknown, timeZone: string): number | undefined {
  if (typeof value === 'number') return readEpochMillis(value);
  if (typeof value !== 'string') return undefined;
  // Date-time text first: it is what webhooks carry on every item.
  const instant = parseProviderDateTime(value, timeZone);
  if (instant !== undefined) return instant;
  return DIGITS_ONLY.test(value) ? readEpochMillis(value) : undefined;
}

/**
 * Tells whether a value is a readable Lingdong time, in any zone: for times that are checked but not used.
 * @param value A field as received.
 */
export function isReadableLingdongTime(value: unknown): boolean {
  if (typeof value === 'number') return readEpochMillis(value) !== undefined;
  if (typeof value !== 'string') return false;
  return isReadableDateTime(value) || (DIGITS_ONLY.test(value) && readEpochMillis(value) !== undefined);
}

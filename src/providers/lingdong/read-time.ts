import { parseProviderDateTime, readWallClock } from '../../normalize/time/date-time-text.js';
import { readEpochMillis } from '../../normalize/time/epoch.js';

const DIGITS_ONLY = /^\s*\d+\s*$/;

/**
 * Reads a Lingdong time: `yyyy-MM-dd HH:mm:ss` wall-clock text in `timeZone` (what webhooks carry), or
 * milliseconds since the epoch (what the API reference documents for `updatedAt`), as a number or digit string.
 * @param value A field as received.
 * @param timeZone The zone of wall-clock text; `undefined` reads the wall clock only, for a validity check.
 * @returns Milliseconds since the epoch (or the wall clock); `undefined` when unreadable.
 */
export function readLingdongTime(value: unknown, timeZone: string | undefined): number | undefined {
  if (typeof value === 'number') return readEpochMillis(value);
  if (typeof value !== 'string') return undefined;
  // Date-time text first: it is what webhooks carry on every item.
  const instant = timeZone === undefined ? readWallClock(value) : parseProviderDateTime(value, timeZone);
  if (instant !== undefined) return instant;
  return DIGITS_ONLY.test(value) ? readEpochMillis(value) : undefined;
}

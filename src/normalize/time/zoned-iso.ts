import { parseProviderDateTime } from './date-time-text.js';
import { isPlausibleEventInstant } from './epoch.js';

// Providers that write ISO 8601 times (Postmark: `2019-11-05T16:33:54.9070259Z`, `2014-08-01T13:28:10.2735393-04:00`;
// Resend: `2024-11-22T23:41:12.126Z`, `2024-11-22T23:41:11.894719+00:00`) always give a zone. Text without one
// would have to be guessed at, so it is refused.

/**
 * Whether date-time text has a time of day and ends in a zone (`Z`, `±hh`, `±hhmm`, `±hh:mm`). Checked by
 * character rather than by a regular expression: it runs for every event.
 */
function hasTimeAndZone(text: string): boolean {
  const separator = text.charCodeAt(10);
  if (separator !== 84 && separator !== 116 && separator !== 32) return false; // T, t or a space
  const end = text.length;
  const last = text.charCodeAt(end - 1);
  if (last === 90 || last === 122) return true; // Z or z
  return isOffsetSign(text, end - 6) || isOffsetSign(text, end - 5) || isOffsetSign(text, end - 3);
}

/** A `+` or `-` at `at`, after the date and the hours and minutes (`yyyy-MM-ddTHH:mm` is 16 characters). */
function isOffsetSign(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return at >= 16 && (code === 43 || code === 45);
}

/**
 * Reads an ISO 8601 time that carries its zone (`Z` or an offset), with any number of fractional digits
 * truncated to the millisecond.
 * @param value A field as received.
 * @returns Milliseconds since the epoch, or `undefined` when the value is not such a time, has no zone, or falls
 *   outside the years 2000 to 2099 (a corrupted time, never a real event).
 */
export function readZonedIsoTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!hasTimeAndZone(text)) return undefined;
  const instant = parseProviderDateTime(text, 'UTC');
  return instant !== undefined && isPlausibleEventInstant(instant) ? instant : undefined;
}

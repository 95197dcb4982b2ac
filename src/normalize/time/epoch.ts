import { readAsciiDigits } from './ascii-digits.js';

// Unix times, in seconds or milliseconds, sent as numbers or digit strings. Every provider reads them through
// these two functions, so every provider gets the same sanity check.

/** 2000-01-01T00:00:00Z: no webhook event is older. */
export const EARLIEST_EVENT_INSTANT = Date.UTC(2000, 0, 1);
/** 2100-01-01T00:00:00Z: no webhook event is later. */
export const LATEST_EVENT_INSTANT = Date.UTC(2100, 0, 1);

const DECIMAL_NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * Whether an instant is a plausible time for a webhook event: in the years 2000 to 2099. A unix time in the
 * wrong unit falls outside by far (seconds read as milliseconds land in January 1970; milliseconds read as
 * seconds, tens of thousands of years ahead), so this also catches a provider, or a test, that mixes them up.
 * @param instant Milliseconds since the epoch.
 */
export function isPlausibleEventInstant(instant: number): boolean {
  return instant >= EARLIEST_EVENT_INSTANT && instant < LATEST_EVENT_INSTANT;
}

/** A number, or a decimal string: unix times come as either. `NaN` for anything else. */
function readDecimal(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  // Whole seconds as digit strings (SendPulse campaigns) are read without a regular expression.
  if (value.length > 0 && value.length <= 13) {
    const digits = readAsciiDigits(value, 0, value.length);
    if (digits >= 0) return digits;
  }
  return DECIMAL_NUMBER.test(value.trim()) ? Number(value) : Number.NaN;
}

/**
 * Reads unix time in seconds, sent as a number or as a decimal string (SendPulse, SendGrid, Mailgun).
 * @param value A field as received.
 * @returns Milliseconds since the epoch, or `undefined` when the value is not a time in seconds between the
 *   years 2000 and 2100 (milliseconds sent where seconds belong are refused, not read as year 56381).
 */
export function readUnixSeconds(value: unknown): number | undefined {
  const instant = Math.round(readDecimal(value) * 1000);
  return isPlausibleEventInstant(instant) ? instant : undefined;
}

/**
 * Reads milliseconds since the epoch, sent as a number or a digit string (Lingdong's `updatedAt`).
 * @param value A field as received.
 * @returns The milliseconds, or `undefined` when the value is not a whole number of milliseconds between the
 *   years 2000 and 2100 (seconds sent where milliseconds belong are refused, not read as January 1970).
 */
export function readEpochMillis(value: unknown): number | undefined {
  const millis = readDecimal(value);
  return Number.isInteger(millis) && isPlausibleEventInstant(millis) ? millis : undefined;
}

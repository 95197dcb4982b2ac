import { isPlausibleEventInstant } from './epoch.js';

// Providers that write ISO 8601 times (Postmark: `2019-11-05T16:33:54.9070259Z`, `2014-08-01T13:28:10.2735393-04:00`;
// Resend: `2024-11-22T23:41:12.126Z`, `2024-11-22T23:41:11.894719+00:00`) always give a zone. Text without one
// would have to be guessed at, so it is refused. The text is read character by character, without a regular
// expression or a substring: it is on every event of these providers.

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Years a plausible event can be written in: 2000 to 2099 in UTC, with a day of offset either side.
const FIRST_YEAR = 1999;
const LAST_YEAR = 2100;

/** The two ASCII digits at `at` as a number, or -1 when either is not a digit. */
function twoDigits(text: string, at: number): number {
  // Unsigned, so a character below `0` wraps past 9 too: one comparison a digit.
  const tens = (text.charCodeAt(at) - 48) >>> 0;
  const ones = (text.charCodeAt(at + 1) - 48) >>> 0;
  return tens > 9 || ones > 9 ? -1 : tens * 10 + ones;
}

/** Whether a character is white space to JavaScript's `\s` (and `String#trim`). */
function isWhiteSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 ||
    code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

// Days of a common year before each month.
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/**
 * Days from 1970-01-01 to a date of the years this reader accepts (1999 to 2100), as `Date.UTC` counts them: in
 * that range every fourth year from 1972 is a leap year but 2100, which is never passed (so no floor of a division
 * by 100 or 400 is needed, as it is for any year).
 * @param month 1 to 12.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const leapDaysBefore = ((year - 1969) / 4) | 0;
  const leapDayThisYear = month > 2 && (year & 3) === 0 && year !== 2100 ? 1 : 0;
  return (year - 1970) * 365 + leapDaysBefore + DAYS_BEFORE_MONTH[month - 1]! + leapDayThisYear + day - 1;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * The offset of a zone written from `at` to `end` (`Z`, `±hh`, `±hhmm`, `±hh:mm`), in minutes east of UTC, or
 * `NaN` when the text there is not a zone or its hours pass 23 or its minutes 59.
 */
function readZone(text: string, at: number, end: number): number {
  const length = end - at;
  const first = text.charCodeAt(at);
  if (first === 90 || first === 122) return length === 1 ? 0 : Number.NaN; // Z or z
  if ((first !== 43 && first !== 45) || (length !== 3 && length !== 5 && length !== 6)) return Number.NaN;
  const hours = twoDigits(text, at + 1);
  let minutes = 0;
  if (length === 5) minutes = twoDigits(text, at + 3);
  else if (length === 6) minutes = text.charCodeAt(at + 3) === 58 ? twoDigits(text, at + 4) : -1;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
  const offset = hours * 60 + minutes;
  return first === 45 ? -offset : offset;
}

/**
 * Reads ISO 8601 date-time text that ends in a zone: `yyyy-MM-ddTHH:mm[:ss[.fraction]]` (`T`, `t` or a space
 * between date and time; `.` or `,` before 1 to 9 fractional digits), then optional white space, then `Z` or an
 * offset `±hh`, `±hhmm`, `±hh:mm` (hours to 23, minutes to 59). Every part is range-checked: month 1 to 12, the
 * month's days (29 February in leap years only), hours 0 to 23, minutes and seconds 0 to 59.
 * @param text The text, without surrounding white space.
 * @returns Milliseconds since the epoch, fractions truncated to the millisecond, or `NaN` when the text is not
 *   such a time or is dated outside the years 1999 to 2100.
 */
function readIsoText(text: string): number {
  const end = text.length;
  // The shortest form, `2024-11-22T23:41Z`, has 17 characters.
  if (end < 17 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58) return Number.NaN;
  const separator = text.charCodeAt(10);
  if (separator !== 84 && separator !== 116 && separator !== 32) return Number.NaN; // T, t or a space
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59) {
    return Number.NaN;
  }
  const year = century * 100 + yearOfCentury;
  if (year < FIRST_YEAR || year > LAST_YEAR) return Number.NaN;
  if (day > (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) return Number.NaN;
  let at = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(at) === 58) {
    second = twoDigits(text, at + 1);
    if (second < 0 || second > 59) return Number.NaN;
    at += 3;
    const mark = text.charCodeAt(at);
    if (mark === 46 || mark === 44) {
      // 1 to 9 digits, of which the first three are the milliseconds: the rest are dropped, never rounded up.
      const first = ++at;
      for (let digit = text.charCodeAt(at) - 48; digit >= 0 && digit <= 9; digit = text.charCodeAt(++at) - 48) {
        if (at - first < 3) millis = millis * 10 + digit;
      }
      const digits = at - first;
      if (digits === 0 || digits > 9) return Number.NaN;
      if (digits < 3) millis *= digits === 1 ? 100 : 10;
    }
  }
  while (at < end && isWhiteSpace(text.charCodeAt(at))) at++;
  if (at === end) return Number.NaN;
  const offset = readZone(text, at, end);
  if (offset !== offset) return Number.NaN;
  return daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + (minute - offset) * MS_PER_MINUTE +
    second * 1000 + millis;
}

/**
 * Reads an ISO 8601 time that carries its zone (`Z` or an offset), with any number of fractional digits up to 9
 * truncated to the millisecond. White space around the text is ignored.
 * @param value A field as received.
 * @returns Milliseconds since the epoch, or `undefined` when the value is not such a time (a part out of range,
 *   an offset beyond ±23:59, no zone, anything after the zone), or falls outside the years 2000 to 2099 (a
 *   corrupted time, never a real event).
 * @example
 * readZonedIsoTime('2014-08-01T13:28:10.2735393-04:00'); // Date.UTC(2014, 7, 1, 17, 28, 10, 273)
 */
export function readZonedIsoTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  let text = value;
  // Only text that starts or ends in something other than a digit or `Z` can carry white space to drop.
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (first < 48 || first > 57 || ((last < 48 || last > 57) && last !== 90 && last !== 122)) text = text.trim();
  const instant = readIsoText(text);
  return isPlausibleEventInstant(instant) ? instant : undefined;
}

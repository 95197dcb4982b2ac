import { readAsciiDigits } from './ascii-digits.js';
import { zonedWallClockToInstant } from './zone-offset.js';

// Date-time text (`2014-02-20 18:08:05`, ISO 8601 with or without a zone) read as instants or wall clocks.

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
// The range of a JavaScript Date: outside it, a time cannot be represented.
const MAX_INSTANT = 8.64e15;

const LOCAL_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1]!;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar, by arithmetic (eras of 400 years, years
 * counted from March so the leap day comes last): what `Date.UTC` gives, for any year, at a fraction of its cost.
 * @param month 1 to 12.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The instant of a date-time given by its parts, or `undefined` when the parts are not a real date-time.
 * @param zone `undefined` (read in `timeZone`), `Z`, or an offset such as `+08:00`.
 */
function instantFromParts(
  year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number,
  zone: string | undefined, timeZone: string | undefined,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const wallClock = daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE +
    second * 1000 + millis;
  let instant: number;
  // Without a zone to read it in, the wall clock itself: enough to tell whether the text is a real date-time.
  if (zone === undefined) instant = timeZone === undefined ? wallClock : zonedWallClockToInstant(wallClock, timeZone);
  else if (zone === 'Z' || zone === 'z') instant = wallClock;
  else {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0);
    instant = wallClock - sign * offset * MS_PER_MINUTE;
  }
  return Number.isFinite(instant) && Math.abs(instant) <= MAX_INSTANT ? instant : undefined;
}

/**
 * Reads a provider's date-time text, such as Lingdong's zone-less `2014-02-20 18:08:05`, as a UTC instant.
 * Text without a zone is read in `timeZone`; text with `Z` or an offset is read as such.
 * @param text `yyyy-MM-dd HH:mm:ss`, optionally with `T`, fractional seconds and a zone.
 * @param timeZone IANA zone (or offset) for zone-less text.
 * @returns Milliseconds since the epoch, or `undefined` when the text is not a real date-time.
 */
export function parseProviderDateTime(text: string, timeZone: string): number | undefined {
  // Items of one batch often carry the same second: the last answer is checked first.
  if (text === lastText && timeZone === lastTextZone) return lastTextInstant;
  const instant = readDateTimeText(text, timeZone);
  lastText = text;
  lastTextZone = timeZone;
  lastTextInstant = instant;
  return instant;
}

let lastText = '';
let lastTextZone = '';
let lastTextInstant: number | undefined;

/**
 * Reads date-time text as a wall clock, written as if it were UTC, without finding its instant in a zone: enough
 * to tell whether the text is readable in any zone (a wall clock in a DST gap is moved, never refused).
 * @param text As for {@link parseProviderDateTime}.
 * @returns The wall clock in milliseconds, or `undefined` when the text is not a real date-time.
 */
export function readWallClock(text: string): number | undefined {
  return readDateTimeText(text, undefined);
}

function readDateTimeText(text: string, timeZone: string | undefined): number | undefined {
  // Lingdong's own form, read without a regular expression: it is on every item of every batch.
  if (text.length === 19 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 32 &&
      text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58) {
    const year = readAsciiDigits(text, 0, 4);
    const month = readAsciiDigits(text, 5, 2);
    const day = readAsciiDigits(text, 8, 2);
    const hour = readAsciiDigits(text, 11, 2);
    const minute = readAsciiDigits(text, 14, 2);
    const second = readAsciiDigits(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
    return instantFromParts(year, month, day, hour, minute, second, 0, undefined, timeZone);
  }
  const m = LOCAL_DATE_TIME.exec(text.trim());
  if (m === null) return undefined;
  return instantFromParts(
    Number(m[1]), Number(m[2]), Number(m[3]),
    m[4] === undefined ? 0 : Number(m[4]),
    m[5] === undefined ? 0 : Number(m[5]),
    m[6] === undefined ? 0 : Number(m[6]),
    m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000),
    m[8], timeZone,
  );
}

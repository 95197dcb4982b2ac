import { tzOffset } from '@date-fns/tz';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
// The range of a JavaScript Date: outside it, a time cannot be represented.
const MAX_INSTANT = 8.64e15;

const LOCAL_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Offsets per zone per UTC hour. Asking `Intl` (through `@date-fns/tz`) costs microseconds a call and a batch of
 * 1000 items mostly shares a few hours, so each hour is asked once. An hour is cached only when the offset is
 * the same at both its ends, so a transition inside it is always asked afresh.
 */
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_HOURS = 50_000;

function offsetMinutesAt(timeZone: string, instant: number): number {
  let zone = offsetCache.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const hour = Math.floor(instant / MS_PER_HOUR);
  const cached = zone.get(hour);
  if (cached !== undefined) return cached;
  const start = tzOffset(timeZone, new Date(hour * MS_PER_HOUR));
  const end = tzOffset(timeZone, new Date(hour * MS_PER_HOUR + MS_PER_HOUR - 1));
  if (start === end) {
    if (zone.size >= OFFSET_CACHE_HOURS) zone.clear();
    zone.set(hour, start);
    return start;
  }
  return tzOffset(timeZone, new Date(instant));
}

/**
 * Tells whether a time zone name is usable: an IANA zone such as `Asia/Shanghai`, or an offset such as `+08:00`.
 * @param timeZone The name to check.
 */
export function isValidTimeZone(timeZone: string): boolean {
  return Number.isFinite(tzOffset(timeZone, new Date(0)));
}

/**
 * Finds the UTC instant of a wall-clock time in a zone. A time that falls in a DST gap is moved forward by the
 * gap and one that occurs twice takes the earlier instant, as `Temporal`'s `compatible` rule does.
 * @param wallClock The wall-clock time, written as if it were UTC, in milliseconds.
 * @param timeZone IANA zone or offset.
 */
export function zonedWallClockToInstant(wallClock: number, timeZone: string): number {
  const guessOffset = offsetMinutesAt(timeZone, wallClock);
  let instant = wallClock - guessOffset * MS_PER_MINUTE;
  const actualOffset = offsetMinutesAt(timeZone, instant);
  if (actualOffset === guessOffset) return instant;
  instant = wallClock - actualOffset * MS_PER_MINUTE;
  const settled = offsetMinutesAt(timeZone, instant);
  if (settled === actualOffset) return instant;
  // In a gap no instant shows this wall clock: use the offset from before the transition (moves it forward).
  return wallClock - Math.min(actualOffset, settled) * MS_PER_MINUTE;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads a provider's date-time text, such as Lingdong's zone-less `2014-02-20 18:08:05`, as a UTC instant.
 * Text without a zone is read in `timeZone`; text with `Z` or an offset is read as such.
 * @param text `yyyy-MM-dd HH:mm:ss`, optionally with `T`, fractional seconds and a zone.
 * @param timeZone IANA zone (or offset) for zone-less text.
 * @returns Milliseconds since the epoch, or `undefined` when the text is not a real date-time.
 */
export function parseProviderDateTime(text: string, timeZone: string): number | undefined {
  const m = LOCAL_DATE_TIME.exec(text.trim());
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const wall = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  wall.setUTCFullYear(year);
  const wallClock = wall.getTime();
  const zone = m[8];
  let instant: number;
  if (zone === undefined) instant = zonedWallClockToInstant(wallClock, timeZone);
  else if (zone === 'Z' || zone === 'z') instant = wallClock;
  else {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0);
    instant = wallClock - sign * offset * MS_PER_MINUTE;
  }
  return Number.isFinite(instant) && Math.abs(instant) <= MAX_INSTANT ? instant : undefined;
}

const DECIMAL_NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * Reads unix time in seconds, sent as a number or as a decimal string (SendPulse campaign webhooks).
 * @param value A field as received.
 * @returns Milliseconds since the epoch, or `undefined` when the value is not a representable time.
 */
export function readUnixSeconds(value: unknown): number | undefined {
  let seconds: number;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string' && DECIMAL_NUMBER.test(value.trim())) seconds = Number(value);
  else return undefined;
  const instant = Math.round(seconds * 1000);
  return Number.isFinite(instant) && Math.abs(instant) <= MAX_INSTANT ? instant : undefined;
}

/**
 * Reads milliseconds since the epoch, sent as a number or a digit string (Lingdong's `updatedAt`).
 * @param value A field as received.
 * @returns The milliseconds, or `undefined` when the value is not a representable time.
 */
export function readEpochMillis(value: unknown): number | undefined {
  let millis: number;
  if (typeof value === 'number') millis = value;
  else if (typeof value === 'string' && DECIMAL_NUMBER.test(value.trim())) millis = Number(value);
  else return undefined;
  return Number.isInteger(millis) && Math.abs(millis) <= MAX_INSTANT ? millis : undefined;
}

import { tzOffset } from '@date-fns/tz';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
// The range of a JavaScript Date: outside it, a time cannot be represented.
const MAX_INSTANT = 8.64e15;

const LOCAL_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const MS_PER_DAY = 86_400_000;
const FIXED_OFFSET = /^([+-])(\d{2})(?::?(\d{2}))?$/;
const UTC_NAMES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Z']);

/**
 * The offset of a fixed-offset zone name (`+08:00`, `-0330`, `UTC`), in minutes, or `undefined` for a region
 * name. Read here rather than through `Intl`, which rejects offsets on Node 20, and which `UTC` need not wake.
 */
function fixedOffsetMinutes(timeZone: string): number | undefined {
  if (UTC_NAMES.has(timeZone)) return 0;
  const m = FIXED_OFFSET.exec(timeZone);
  if (m === null) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Offsets per region zone per UTC hour. Asking `Intl` (through `@date-fns/tz`) costs microseconds a call and a
 * batch of 1000 items mostly shares a few hours, so each hour is asked once. An hour is cached only when the
 * offset is the same at both its ends, so a transition inside it is always asked afresh.
 */
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_HOURS = 50_000;

// The last answer, checked before the maps: the items of a batch mostly fall in the same hour.
let lastZone = '';
let lastHour = Number.NaN;
let lastOffset = 0;

function offsetMinutesAt(timeZone: string, instant: number): number {
  const hour = Math.floor(instant / MS_PER_HOUR);
  if (hour === lastHour && timeZone === lastZone) return lastOffset;
  let zone = offsetCache.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  let offset = zone.get(hour);
  if (offset === undefined) {
    const fixed = fixedOffsetMinutes(timeZone);
    const start = fixed ?? tzOffset(timeZone, new Date(hour * MS_PER_HOUR));
    const end = fixed ?? tzOffset(timeZone, new Date(hour * MS_PER_HOUR + MS_PER_HOUR - 1));
    // A transition inside this hour: ask for the instant itself, and cache nothing.
    if (start !== end) return tzOffset(timeZone, new Date(instant));
    if (zone.size >= OFFSET_CACHE_HOURS) zone.clear();
    zone.set(hour, start);
    offset = start;
  }
  lastZone = timeZone;
  lastHour = hour;
  lastOffset = offset;
  return offset;
}

/**
 * Tells whether a time zone name is usable: an IANA zone such as `Asia/Shanghai`, or a fixed offset such as
 * `+08:00`.
 * @param timeZone The name to check.
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string') return false;
  if (fixedOffsetMinutes(timeZone) !== undefined) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

// The last wall-clock hour converted away from any transition, checked first: a batch mostly shares a few hours.
let lastWallZone = '';
let lastWallHour = Number.NaN;
let lastWallOffset = 0;

/**
 * Finds the UTC instant of a wall-clock time in a zone. A time that falls in a DST gap is moved forward by the
 * gap, and one that occurs twice (when clocks go back) takes the earlier instant, as `Temporal`'s `compatible`
 * rule does.
 * @param wallClock The wall-clock time, written as if it were UTC, in milliseconds.
 * @param timeZone IANA zone or fixed offset.
 */
export function zonedWallClockToInstant(wallClock: number, timeZone: string): number {
  const wallHour = Math.floor(wallClock / MS_PER_HOUR);
  if (wallHour === lastWallHour && timeZone === lastWallZone) return wallClock - lastWallOffset * MS_PER_MINUTE;
  // Offsets a day either side: equal almost always, and then no transition is near.
  const before = offsetMinutesAt(timeZone, wallClock - MS_PER_DAY);
  const after = offsetMinutesAt(timeZone, wallClock + MS_PER_DAY);
  if (before === after) {
    const instant = wallClock - before * MS_PER_MINUTE;
    if (offsetMinutesAt(timeZone, instant) === before) {
      // No transition within a day: every wall clock of this hour has this offset.
      lastWallHour = wallHour;
      lastWallZone = timeZone;
      lastWallOffset = before;
      return instant;
    }
  }
  // Near a transition, each instant that shows this wall clock uses one of the two offsets: try the earlier one.
  const early = wallClock - Math.max(before, after) * MS_PER_MINUTE;
  if ((wallClock - early) / MS_PER_MINUTE === offsetMinutesAt(timeZone, early)) return early;
  const late = wallClock - Math.min(before, after) * MS_PER_MINUTE;
  if ((wallClock - late) / MS_PER_MINUTE === offsetMinutesAt(timeZone, late)) return late;
  // In a gap no instant shows this wall clock: the offset from before the transition moves it forward.
  return wallClock - before * MS_PER_MINUTE;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1]!;
}

/** The number written by `count` ASCII digits from `start`, or -1 when one of them is not a digit. */
function readDigits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
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
  let wallClock = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (year < 100) {
    // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
    const wall = new Date(wallClock);
    wall.setUTCFullYear(year);
    wallClock = wall.getTime();
  }
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
    const year = readDigits(text, 0, 4);
    const month = readDigits(text, 5, 2);
    const day = readDigits(text, 8, 2);
    const hour = readDigits(text, 11, 2);
    const minute = readDigits(text, 14, 2);
    const second = readDigits(text, 17, 2);
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

const DECIMAL_NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * Reads unix time in seconds, sent as a number or as a decimal string (SendPulse campaign webhooks).
 * @param value A field as received.
 * @returns Milliseconds since the epoch, or `undefined` when the value is not a representable time.
 */
export function readUnixSeconds(value: unknown): number | undefined {
  let seconds: number;
  // SendPulse campaign events send whole seconds as digit strings: those are read without a regular expression.
  const digits = typeof value === 'string' && value.length <= 12 ? readDigits(value, 0, value.length) : -1;
  if (typeof value === 'number') seconds = value;
  else if (digits >= 0 && value !== '') seconds = digits;
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

import { tzOffset } from '@date-fns/tz';

// Time zone offsets: fixed offsets read here, region zones asked of `Intl` once per UTC hour, and wall clocks
// turned into instants around DST transitions.

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
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

// Per zone, a direct-mapped table of wall-clock hours with no transition within a day, and their offsets: a
// batch spreads over a few days' hours, so most items find theirs in one array read, with no map, no `Intl`.
const WALL_TABLE_SLOTS = 1024;

interface WallHourTable {
  readonly hours: Float64Array;
  readonly offsets: Float64Array;
}

const wallTables = new Map<string, WallHourTable>();
let lastTableZone = '';
let lastTable: WallHourTable | undefined;

function wallTableFor(timeZone: string): WallHourTable {
  if (timeZone === lastTableZone && lastTable !== undefined) return lastTable;
  let table = wallTables.get(timeZone);
  if (table === undefined) {
    table = { hours: new Float64Array(WALL_TABLE_SLOTS).fill(Number.NaN), offsets: new Float64Array(WALL_TABLE_SLOTS) };
    // Zone names come from options: bounded like the offset cache, so odd names cannot grow it without end.
    if (wallTables.size >= 64) wallTables.clear();
    wallTables.set(timeZone, table);
  }
  lastTableZone = timeZone;
  lastTable = table;
  return table;
}

/**
 * Finds the UTC instant of a wall-clock time in a zone. A time that falls in a DST gap is moved forward by the
 * gap, and one that occurs twice (when clocks go back) takes the earlier instant, as `Temporal`'s `compatible`
 * rule does.
 * @param wallClock The wall-clock time, written as if it were UTC, in milliseconds.
 * @param timeZone IANA zone or fixed offset.
 */
export function zonedWallClockToInstant(wallClock: number, timeZone: string): number {
  const wallHour = Math.floor(wallClock / MS_PER_HOUR);
  const table = wallTableFor(timeZone);
  const slot = wallHour & (WALL_TABLE_SLOTS - 1);
  if (table.hours[slot] === wallHour) return wallClock - table.offsets[slot]! * MS_PER_MINUTE;
  // Offsets a day either side: equal almost always, and then no transition is near.
  const before = offsetMinutesAt(timeZone, wallClock - MS_PER_DAY);
  const after = offsetMinutesAt(timeZone, wallClock + MS_PER_DAY);
  if (before === after) {
    const instant = wallClock - before * MS_PER_MINUTE;
    if (offsetMinutesAt(timeZone, instant) === before) {
      // No transition within a day: every wall clock of this hour has this offset.
      table.hours[slot] = wallHour;
      table.offsets[slot] = before;
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

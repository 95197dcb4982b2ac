// Time readers, one concern a file under `time/`: zone offsets (zone-offset.ts), date-time text
// (date-time-text.ts), unix times (epoch.ts). This file re-exports them for code written against the one module.
export { isValidTimeZone, zonedWallClockToInstant } from './time/zone-offset.js';
export { parseProviderDateTime, readWallClock } from './time/date-time-text.js';
export {
  EARLIEST_EVENT_INSTANT,
  LATEST_EVENT_INSTANT,
  isPlausibleEventInstant,
  readEpochMillis,
  readUnixSeconds,
} from './time/epoch.js';

import { describe, expect, it } from 'vitest';
import {
  isValidTimeZone,
  parseProviderDateTime,
  readEpochMillis,
  readUnixSeconds,
  zonedWallClockToInstant,
} from '../../src/normalize/time.js';
import { isPlausibleEventInstant } from '../../src/normalize/time/epoch.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('parseProviderDateTime', () => {
  it('reads Lingdong wall-clock time in China time', () => {
    expect(iso(parseProviderDateTime('2014-02-20 18:08:05', 'Asia/Shanghai'))).toBe('2014-02-20T10:08:05.000Z');
    expect(iso(parseProviderDateTime(' 2014-06-27 15:03:04 ', 'Asia/Shanghai'))).toBe('2014-06-27T07:03:04.000Z');
  });

  it('reads the same text in other zones, offsets and explicit zones', () => {
    expect(iso(parseProviderDateTime('2014-02-20 18:08:05', 'UTC'))).toBe('2014-02-20T18:08:05.000Z');
    expect(iso(parseProviderDateTime('2014-02-20 18:08:05', 'Europe/Moscow'))).toBe('2014-02-20T14:08:05.000Z');
    expect(iso(parseProviderDateTime('2014-02-20 18:08:05', '+05:30'))).toBe('2014-02-20T12:38:05.000Z');
    expect(iso(parseProviderDateTime('2014-02-20T18:08:05Z', 'Asia/Shanghai'))).toBe('2014-02-20T18:08:05.000Z');
    expect(iso(parseProviderDateTime('2014-02-20T18:08:05.25-03:00', 'Asia/Shanghai'))).toBe('2014-02-20T21:08:05.250Z');
    expect(iso(parseProviderDateTime('2014-02-20', 'Asia/Shanghai'))).toBe('2014-02-19T16:00:00.000Z');
  });

  it('follows daylight saving: summer and winter, a gap moved forward, an overlap taking the earlier instant', () => {
    expect(iso(parseProviderDateTime('2021-07-01 12:00:00', 'America/New_York'))).toBe('2021-07-01T16:00:00.000Z');
    expect(iso(parseProviderDateTime('2021-01-01 12:00:00', 'America/New_York'))).toBe('2021-01-01T17:00:00.000Z');
    // 02:30 does not exist on 2021-03-14 in New York: read as 03:30 EDT.
    expect(iso(parseProviderDateTime('2021-03-14 02:30:00', 'America/New_York'))).toBe('2021-03-14T07:30:00.000Z');
    // 01:30 happens twice on 2021-11-07: the first (EDT) is taken.
    expect(iso(parseProviderDateTime('2021-11-07 01:30:00', 'America/New_York'))).toBe('2021-11-07T05:30:00.000Z');
    // China observed DST in 1986-1991.
    expect(iso(parseProviderDateTime('1988-07-01 12:00:00', 'Asia/Shanghai'))).toBe('1988-07-01T03:00:00.000Z');
  });

  it('gives the same answers when the hour cache is warm, in a transition hour too', () => {
    // Different texts in one hour go past the last-text memory to the hour cache.
    const first = [parseProviderDateTime('2021-06-01 10:15:00', 'Europe/Paris'), parseProviderDateTime('2021-06-01 10:45:00', 'Europe/Paris')];
    const again = [parseProviderDateTime('2021-06-01 10:45:00', 'Europe/Paris'), parseProviderDateTime('2021-06-01 10:15:00', 'Europe/Paris')];
    expect(first.map(iso)).toEqual(['2021-06-01T08:15:00.000Z', '2021-06-01T08:45:00.000Z']);
    expect(again).toEqual([first[1], first[0]]);
    // The hour of a transition is never cached as one offset.
    expect(iso(parseProviderDateTime('2021-03-14 03:15:00', 'America/New_York'))).toBe('2021-03-14T07:15:00.000Z');
    expect(iso(parseProviderDateTime('2021-03-14 01:45:00', 'America/New_York'))).toBe('2021-03-14T06:45:00.000Z');
    expect(iso(parseProviderDateTime('2021-03-14 03:45:00', 'America/New_York'))).toBe('2021-03-14T07:45:00.000Z');
  });

  it('rejects text that is not a real date-time', () => {
    for (const text of ['2014-13-45 99:00:00', '2014-02-30 10:00:00', '2014-02-20 24:00:00', '2014-02-20 18:60:00',
      'yesterday', '', '2014/02/20 18:08:05', '20140220']) {
      expect(parseProviderDateTime(text, 'Asia/Shanghai'), text).toBeUndefined();
    }
    expect(iso(parseProviderDateTime('2016-02-29 00:00:00', 'UTC'))).toBe('2016-02-29T00:00:00.000Z');
    expect(parseProviderDateTime('2015-02-29 00:00:00', 'UTC')).toBeUndefined();
  });

  it('keeps years below 100 as written', () => {
    expect(iso(parseProviderDateTime('0099-01-01 00:00:00', 'UTC'))).toBe('0099-01-01T00:00:00.000Z');
  });
});

describe('zonedWallClockToInstant and isValidTimeZone', () => {
  it('converts wall clock to instants', () => {
    expect(zonedWallClockToInstant(Date.UTC(2014, 1, 20, 18, 8, 5), 'Asia/Shanghai')).toBe(Date.UTC(2014, 1, 20, 10, 8, 5));
  });
  it('tells usable zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('+08:00')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('readUnixSeconds and readEpochMillis', () => {
  it('reads SendPulse seconds as numbers and strings', () => {
    expect(iso(readUnixSeconds(1490954061))).toBe('2017-03-31T09:54:21.000Z');
    expect(iso(readUnixSeconds('1717059600'))).toBe('2024-05-30T09:00:00.000Z');
    expect(iso(readUnixSeconds(' 1717059600.5 '))).toBe('2024-05-30T09:00:00.500Z');
  });
  it('rejects what is not a representable time', () => {
    for (const value of ['not-a-time', Infinity, NaN, 1e400, 9e12, '1e3', true, null, {}]) {
      expect(readUnixSeconds(value), String(value)).toBeUndefined();
    }
  });
  it('reads Lingdong updatedAt milliseconds', () => {
    expect(iso(readEpochMillis(1403852584000))).toBe('2014-06-27T07:03:04.000Z');
    expect(iso(readEpochMillis('1403852584000'))).toBe('2014-06-27T07:03:04.000Z');
    expect(readEpochMillis(1.5)).toBeUndefined();
    expect(readEpochMillis(9e15)).toBeUndefined();
  });
  it('refuses unix times in the wrong unit or outside the years 2000 to 2100', () => {
    // Milliseconds read as seconds, and seconds read as milliseconds.
    expect(readUnixSeconds(1717059600000)).toBeUndefined();
    expect(readUnixSeconds('1717059600000')).toBeUndefined();
    expect(readEpochMillis(1717059600)).toBeUndefined();
    expect(readEpochMillis('1717059600')).toBeUndefined();
    expect(iso(readUnixSeconds(946684800))).toBe('2000-01-01T00:00:00.000Z');
    expect(readUnixSeconds(946684799)).toBeUndefined();
    expect(iso(readEpochMillis(4102444799999))).toBe('2099-12-31T23:59:59.999Z');
    expect(readEpochMillis(4102444800000)).toBeUndefined();
    expect(isPlausibleEventInstant(Date.UTC(2099, 11, 31))).toBe(true);
    expect(isPlausibleEventInstant(Date.UTC(1999, 11, 31))).toBe(false);
  });
});

describe('zone transitions east of UTC and fixed offsets', () => {
  it('takes the earlier instant of a repeated wall clock in any zone', () => {
    // Berlin falls back from 03:00 CEST to 02:00 CET on 2024-10-27: 02:30 happens twice.
    expect(iso(parseProviderDateTime('2024-10-27 02:30:00', 'Europe/Berlin'))).toBe('2024-10-27T00:30:00.000Z');
    // China's last DST ended on 1991-09-15 at 02:00: 01:30 happened twice.
    expect(iso(parseProviderDateTime('1991-09-15 01:30:00', 'Asia/Shanghai'))).toBe('1991-09-14T16:30:00.000Z');
    // Lord Howe moves by half an hour.
    expect(iso(parseProviderDateTime('2024-04-07 01:45:00', 'Australia/Lord_Howe'))).toBe('2024-04-06T14:45:00.000Z');
  });

  it('moves a wall clock in a gap forward, east of UTC too', () => {
    // Berlin springs forward from 02:00 CET to 03:00 CEST on 2024-03-31.
    expect(iso(parseProviderDateTime('2024-03-31 02:30:00', 'Europe/Berlin'))).toBe('2024-03-31T01:30:00.000Z');
  });

  it('agrees with a brute-force search on every wall clock near the transitions of 2024', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Shanghai', 'Australia/Lord_Howe', 'America/Santiago'];
    for (const zone of zones) {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
      const offset = (instant: number) => {
        const parts = format.formatToParts(new Date(instant));
        const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
        return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - instant;
      };
      for (let day = Date.UTC(2024, 0, 1); day < Date.UTC(2025, 0, 1); day += 86_400_000) {
        if (offset(day) === offset(day + 86_400_000)) continue;
        // A transition this day: every quarter hour of wall clock around it, against the earliest instant showing it.
        for (let wall = day - 12 * 3_600_000; wall <= day + 36 * 3_600_000; wall += 15 * 60_000) {
          let expected: number | undefined;
          for (let candidate = wall - 15 * 3_600_000; candidate <= wall + 15 * 3_600_000; candidate += 15 * 60_000) {
            if (candidate + offset(candidate) === wall) { expected = candidate; break; }
          }
          const actual = zonedWallClockToInstant(wall, zone);
          const label = `${zone} ${new Date(wall).toISOString()}`;
          if (expected !== undefined) expect(actual, label).toBe(expected);
          else expect(actual + offset(actual), `gap: ${label}`).toBeGreaterThan(wall);
        }
      }
    }
  });

  it('reads fixed offsets itself, and refuses what is no zone', () => {
    expect(iso(parseProviderDateTime('2024-01-01 00:00:00', '-00:30'))).toBe('2024-01-01T00:30:00.000Z');
    expect(iso(parseProviderDateTime('2024-01-01 00:00:00', '+0545'))).toBe('2023-12-31T18:15:00.000Z');
    expect(isValidTimeZone('Mars/Olympus+08')).toBe(false);
    expect(isValidTimeZone('+25:00')).toBe(false);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
  });
});

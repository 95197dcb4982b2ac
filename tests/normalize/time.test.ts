import { describe, expect, it } from 'vitest';
import {
  isValidTimeZone,
  parseProviderDateTime,
  readEpochMillis,
  readUnixSeconds,
  zonedWallClockToInstant,
} from '../../src/normalize/time.js';

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

  it('gives the same answer when the hour cache is warm', () => {
    const first = parseProviderDateTime('2021-03-14 03:15:00', 'America/New_York');
    const again = parseProviderDateTime('2021-03-14 03:15:00', 'America/New_York');
    expect(iso(first)).toBe('2021-03-14T07:15:00.000Z');
    expect(again).toBe(first);
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
});

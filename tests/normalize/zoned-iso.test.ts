import { describe, expect, it } from 'vitest';
import { readZonedIsoTime } from '../../src/normalize/time/zoned-iso.js';

const iso = (value: unknown) => {
  const instant = readZonedIsoTime(value);
  return instant === undefined ? undefined : new Date(instant).toISOString();
};

describe('readZonedIsoTime', () => {
  it("reads Postmark's and Resend's own forms to the exact millisecond", () => {
    expect(iso('2019-11-05T16:33:54.9070259Z')).toBe('2019-11-05T16:33:54.907Z');
    expect(iso('2014-08-01T13:28:10.2735393-04:00')).toBe('2014-08-01T17:28:10.273Z');
    expect(iso('2024-11-22T23:41:11.894719+00:00')).toBe('2024-11-22T23:41:11.894Z');
    expect(iso('2024-11-22T23:41:12.126Z')).toBe('2024-11-22T23:41:12.126Z');
  });

  it('reads every offset form: Z, ±hh, ±hhmm, ±hh:mm, east and west, across the date line', () => {
    expect(iso('2024-11-22T23:41:12z')).toBe('2024-11-22T23:41:12.000Z');
    expect(iso('2024-11-22T23:41:12+05')).toBe('2024-11-22T18:41:12.000Z');
    expect(iso('2024-11-22T23:41:12-05')).toBe('2024-11-23T04:41:12.000Z');
    expect(iso('2024-11-22T23:41:12+0530')).toBe('2024-11-22T18:11:12.000Z');
    expect(iso('2024-11-22T02:41:12+05:45')).toBe('2024-11-21T20:56:12.000Z');
    expect(iso('2024-12-31T20:00:00-09:30')).toBe('2025-01-01T05:30:00.000Z');
    expect(iso('2024-11-22T23:41:12+23:59')).toBe('2024-11-21T23:42:12.000Z');
    expect(iso('2024-11-22T23:41:12-00:00')).toBe('2024-11-22T23:41:12.000Z');
  });

  it('truncates fractions of 1 to 9 digits to the millisecond, never rounding up', () => {
    const fractions: [string, string][] = [
      ['5', '500'], ['05', '050'], ['999', '999'], ['9999', '999'], ['12345', '123'], ['000001', '000'],
      ['1234567', '123'], ['99999999', '999'], ['999999999', '999'],
    ];
    for (const [fraction, millis] of fractions) {
      expect(iso(`2024-01-01T00:00:59.${fraction}Z`)).toBe(`2024-01-01T00:00:59.${millis}Z`);
    }
    expect(iso('2024-01-01T00:00:59,25+01:00')).toBe('2023-12-31T23:00:59.250Z');
    expect(iso('2024-01-01T00:00:59.1234567890Z')).toBeUndefined();
    expect(iso('2024-01-01T00:00:59.Z')).toBeUndefined();
  });

  it('reads times without seconds, a space or lower-case t as separator, white space around and before the zone', () => {
    expect(iso('2024-11-22T23:41Z')).toBe('2024-11-22T23:41:00.000Z');
    expect(iso('2024-11-22 23:41:12+01:00')).toBe('2024-11-22T22:41:12.000Z');
    expect(iso('2024-11-22t23:41:12Z')).toBe('2024-11-22T23:41:12.000Z');
    expect(iso('  2024-11-22T23:41:12Z\n')).toBe('2024-11-22T23:41:12.000Z');
    expect(iso('2024-11-22T23:41:12 +01:00')).toBe('2024-11-22T22:41:12.000Z');
  });

  it('checks the calendar: leap days in leap years only, each month its own length', () => {
    expect(iso('2024-02-29T12:00:00Z')).toBe('2024-02-29T12:00:00.000Z');
    expect(iso('2000-02-29T12:00:00Z')).toBe('2000-02-29T12:00:00.000Z');
    expect(iso('2023-02-29T12:00:00Z')).toBeUndefined();
    expect(iso('2024-04-31T12:00:00Z')).toBeUndefined();
    expect(iso('2024-12-31T23:59:59.999Z')).toBe('2024-12-31T23:59:59.999Z');
    expect(iso('2024-01-00T12:00:00Z')).toBeUndefined();
    expect(iso('2024-01-32T12:00:00Z')).toBeUndefined();
  });

  it('refuses every part out of range', () => {
    expect(iso('2024-13-01T00:00:00Z')).toBeUndefined();
    expect(iso('2024-00-01T00:00:00Z')).toBeUndefined();
    expect(iso('2024-11-22T24:00:00Z')).toBeUndefined();
    expect(iso('2024-11-22T23:60:00Z')).toBeUndefined();
    expect(iso('2024-11-22T23:41:60Z')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12+25:00')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12+24:00')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12+05:60')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12-0099')).toBeUndefined();
  });

  it('refuses text without a zone, with a malformed zone, or with anything after it', () => {
    expect(iso('2024-11-22T23:41:12')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12.126')).toBeUndefined();
    expect(iso('2024-11-22')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12Zx')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12ZZ')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12+01:00 UTC')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12+1')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12+010')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12+01-00')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12+01:000')).toBeUndefined();
    expect(iso('2024-11-22T23:41:12Z ')).toBe('2024-11-22T23:41:12.000Z');
  });

  it('refuses text that is not an ISO date-time at all', () => {
    for (const value of [
      '', ' ', 'Z', '2024/11/22T23:41:12Z', '24-11-22T23:41:12Z', '2024-11-22X23:41:12Z', '2024-11-22T23-41-12Z',
      '2024-1-22T23:41:12Z', '2024-11-22T3:41:12Z', '2024-11-22T23:41:1Z', '２０２４-11-22T23:41:12Z',
      'Fri, 22 Nov 2024 23:41:12 GMT', '1732318872', 1732318872126, null, undefined, {}, ['2024-11-22T23:41:12Z'],
    ]) {
      expect(iso(value), JSON.stringify(value)).toBeUndefined();
    }
  });

  it('keeps to the years 2000 to 2099 in UTC, whatever year the offset was written in', () => {
    expect(iso('2000-01-01T00:00:00Z')).toBe('2000-01-01T00:00:00.000Z');
    expect(iso('1999-12-31T23:59:59.999Z')).toBeUndefined();
    expect(iso('1999-12-31T23:30:00-01:00')).toBe('2000-01-01T00:30:00.000Z');
    expect(iso('2099-12-31T23:59:59.999Z')).toBe('2099-12-31T23:59:59.999Z');
    expect(iso('2100-01-01T00:00:00Z')).toBeUndefined();
    expect(iso('2100-01-01T00:30:00+01:00')).toBe('2099-12-31T23:30:00.000Z');
    expect(iso('1970-01-01T00:00:00Z')).toBeUndefined();
    expect(iso('9999-12-31T23:59:59Z')).toBeUndefined();
  });

  it('agrees with Date on every day from 1999 to 2100, with offsets either side', () => {
    for (let instant = Date.UTC(1999, 0, 1, 7, 5, 3, 21); instant < Date.UTC(2101, 0, 1); instant += 86_400_000) {
      const text = new Date(instant).toISOString();
      for (const [zone, minutes] of [['Z', 0], ['+05:30', 330], ['-11:00', -660], ['+23:59', 1439], ['-2359', -1439]] as const) {
        const expected = instant - minutes * 60_000;
        const want = expected >= Date.UTC(2000, 0, 1) && expected < Date.UTC(2100, 0, 1) ? expected : undefined;
        expect(readZonedIsoTime(text.replace('Z', zone))).toBe(want);
      }
    }
  });

  it('agrees with Date.parse on every day of a leap year and a common year', () => {
    for (const year of [2023, 2024]) {
      for (let day = 0; day < 366; day++) {
        const instant = Date.UTC(year, 0, 1 + day, 13, 7, 9, 345);
        const text = new Date(instant).toISOString();
        if (!text.startsWith(String(year))) continue;
        expect(readZonedIsoTime(text)).toBe(instant);
        expect(readZonedIsoTime(text.replace('Z', '-11:30'))).toBe(instant + 11.5 * 3_600_000);
      }
    }
  });
});

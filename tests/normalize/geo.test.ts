import { describe, expect, it } from 'vitest';
import { readCoordinate, toGeoLocation } from '../../src/normalize/geo.js';

describe('toGeoLocation', () => {
  it('splits country/region/city and keeps coordinates', () => {
    expect(toGeoLocation('中国/河北/廊坊', 39.5292, 116.7139)).toEqual({
      country: '中国', region: '河北', city: '廊坊', latitude: 39.5292, longitude: 116.7139,
    });
    expect(toGeoLocation('中国/广东省/广州市')).toEqual({ country: '中国', region: '广东省', city: '广州市' });
  });

  it('leaves empty parts absent and gives undefined when nothing is left', () => {
    expect(toGeoLocation('中国//')).toEqual({ country: '中国' });
    expect(toGeoLocation('/ /廊坊')).toEqual({ city: '廊坊' });
    expect(toGeoLocation('')).toBeUndefined();
    expect(toGeoLocation('//')).toBeUndefined();
    expect(toGeoLocation(undefined)).toBeUndefined();
    expect(toGeoLocation(undefined, 0, 0)).toEqual({ latitude: 0, longitude: 0 });
  });

  it('keeps extra parts in the city', () => {
    expect(toGeoLocation('中国/北京/北京/海淀')).toEqual({ country: '中国', region: '北京', city: '北京/海淀' });
  });
});

describe('readCoordinate', () => {
  it('reads numbers and numeric strings within range', () => {
    expect(readCoordinate(39.5292, 90)).toBe(39.5292);
    expect(readCoordinate(' -116.7 ', 180)).toBe(-116.7);
    expect(readCoordinate('', 90)).toBeUndefined();
    expect(readCoordinate(null, 90)).toBeUndefined();
  });
  it('marks non-coordinates', () => {
    expect(readCoordinate(91, 90)).toBeNull();
    expect(readCoordinate('north', 90)).toBeNull();
    expect(readCoordinate(Infinity, 180)).toBeNull();
    expect(readCoordinate(true, 180)).toBeNull();
  });
});

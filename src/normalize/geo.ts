import type { GeoLocation } from '../events.js';

/**
 * Reads a coordinate sent as a number or a numeric string.
 * @param value A field as received.
 * @param limit 90 for a latitude, 180 for a longitude.
 * @returns The coordinate, `undefined` when absent or empty, `null` when present but not a coordinate.
 */
export function readCoordinate(value: unknown, limit: 90 | 180): number | undefined | null {
  if (value === undefined || value === null) return undefined;
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return undefined;
    n = Number(text);
  } else return null;
  return Number.isFinite(n) && n >= -limit && n <= limit ? n : null;
}

/**
 * Builds a location from a `country/region/city` path (Lingdong's `中国/河北/廊坊`) and coordinates.
 * Empty parts are absent; a location with no part at all is `undefined`.
 * @param location The slash-separated path, or anything else (ignored).
 * @param latitude A coordinate already read by {@link readCoordinate}.
 * @param longitude Likewise.
 */
export function toGeoLocation(location: unknown, latitude?: number, longitude?: number): GeoLocation | undefined {
  const geo: GeoLocation = {};
  let any = false;
  if (typeof location === 'string' && location !== '') {
    const parts = location.split('/');
    const country = parts[0]?.trim();
    const region = parts[1]?.trim();
    // A path with more than three parts keeps the rest in the city, so nothing sent is lost.
    const city = parts.length > 3 ? parts.slice(2).join('/').trim() : parts[2]?.trim();
    if (country) { geo.country = country; any = true; }
    if (region) { geo.region = region; any = true; }
    if (city) { geo.city = city; any = true; }
  }
  if (latitude !== undefined) { geo.latitude = latitude; any = true; }
  if (longitude !== undefined) { geo.longitude = longitude; any = true; }
  return any ? geo : undefined;
}

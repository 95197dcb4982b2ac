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
    const parts = locationParts(location);
    if (parts.country !== '') { geo.country = parts.country; any = true; }
    if (parts.region !== '') { geo.region = parts.region; any = true; }
    if (parts.city !== '') { geo.city = parts.city; any = true; }
  }
  if (latitude !== undefined) { geo.latitude = latitude; any = true; }
  if (longitude !== undefined) { geo.longitude = longitude; any = true; }
  return any ? geo : undefined;
}

/** A location path's parts, trimmed; empty when absent. */
interface LocationParts {
  readonly country: string;
  readonly region: string;
  readonly city: string;
}

// A batch names a few places over and over: each path is split once. Bounded, so distinct paths cannot grow it.
const LOCATION_MEMO_SIZE = 512;
const locationMemo = new Map<string, LocationParts>();

function locationParts(location: string): LocationParts {
  let parts = locationMemo.get(location);
  if (parts !== undefined) return parts;
  // indexOf rather than split: this runs for most items of a Lingdong batch.
  const first = location.indexOf('/');
  const second = first < 0 ? -1 : location.indexOf('/', first + 1);
  // A path with more than three parts keeps the rest in the city, so nothing sent is lost.
  parts = {
    country: (first < 0 ? location : location.slice(0, first)).trim(),
    region: first < 0 ? '' : (second < 0 ? location.slice(first + 1) : location.slice(first + 1, second)).trim(),
    city: second < 0 ? '' : location.slice(second + 1).trim(),
  };
  if (locationMemo.size >= LOCATION_MEMO_SIZE) locationMemo.clear();
  locationMemo.set(location, parts);
  return parts;
}

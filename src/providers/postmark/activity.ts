import type { EmailClient, GeoLocation } from '../../events.js';
import { readCoordinate } from '../../normalize/geo.js';
import { readText } from '../../normalize/text.js';
import type { EventDraft } from '../event-fields.js';
import { type Item, isItem } from '../item.js';

/** Postmark's placeholder for what it could not recognise: `"unknown"` / `"Unknown"`, not a value. */
function readKnownText(value: unknown): string | undefined {
  const text = readText(value);
  // Only seven characters can lower-case to `unknown`: other text is not copied to find out.
  return text === undefined || (text.length === 7 && text.toLowerCase() === 'unknown') ? undefined : text;
}

/**
 * The mail client of an `Open` or `Click`: `Client.Family` (`Chrome`) as its name, the rest of `Client.Name`
 * (`Chrome 35.0.1916.153`) as its version, `OS.Name` as its platform and `Platform` (`Desktop`, `WebMail`,
 * `Mobile`) as its device.
 */
function readClient(item: Item): EmailClient | undefined {
  const client: EmailClient = {};
  // Counted as they are set, rather than by listing the keys at the end: this runs on every open and click.
  let fields = 0;
  const sent = item.Client;
  const family = isItem(sent) ? readKnownText(sent.Family) : undefined;
  const full = isItem(sent) ? readKnownText(sent.Name) : undefined;
  const name = family ?? full;
  if (name !== undefined) {
    client.name = name;
    fields++;
  }
  if (family !== undefined && full !== undefined && full.length > family.length && full.charCodeAt(family.length) === 32 &&
      full.startsWith(family)) {
    const version = full.slice(family.length + 1).trim();
    if (version !== '') {
      client.version = version;
      fields++;
    }
  }
  const os = item.OS;
  const platform = isItem(os) ? readKnownText(os.Name) ?? readKnownText(os.Family) : undefined;
  if (platform !== undefined) {
    client.platform = platform;
    fields++;
  }
  const device = readKnownText(item.Platform);
  if (device !== undefined) {
    client.device = device;
    fields++;
  }
  return fields === 0 ? undefined : client;
}

/** `Geo`: country (or its ISO code), region, city, and `Coords` `"45.2517,19.8369"` as latitude and longitude. */
function readGeo(geo: Item): GeoLocation | undefined {
  const location: GeoLocation = {};
  // Counted as they are set, rather than by listing the keys at the end: this runs on every open and click.
  let fields = 0;
  const country = readText(geo.Country) ?? readText(geo.CountryISOCode);
  if (country !== undefined) {
    location.country = country;
    fields++;
  }
  const region = readText(geo.Region) ?? readText(geo.RegionISOCode);
  if (region !== undefined) {
    location.region = region;
    fields++;
  }
  const city = readText(geo.City);
  if (city !== undefined) {
    location.city = city;
    fields++;
  }
  if (typeof geo.Coords === 'string') {
    const comma = geo.Coords.indexOf(',');
    const latitude = comma < 0 ? null : readCoordinate(geo.Coords.slice(0, comma), 90);
    const longitude = comma < 0 ? null : readCoordinate(geo.Coords.slice(comma + 1), 180);
    // Only a pair makes a position: half of one is dropped rather than guessed.
    if (typeof latitude === 'number' && typeof longitude === 'number') {
      location.latitude = latitude;
      location.longitude = longitude;
      fields++;
    }
  }
  return fields === 0 ? undefined : location;
}

/**
 * Adds where an `Open` or `Click` came from: `Geo.IP`, the location, the client and the `UserAgent`.
 * @param event The event under construction.
 * @param item The Postmark record.
 */
export function setPostmarkActivity(event: EventDraft, item: Item): void {
  // Stores by name, not through setField: see startPostmarkEvent.
  const geo = item.Geo;
  if (isItem(geo)) {
    const ip = readText(geo.IP);
    if (ip !== undefined) event.ip = ip;
    const location = readGeo(geo);
    if (location !== undefined) event.geo = location;
  }
  const client = readClient(item);
  if (client !== undefined) event.client = client;
  const userAgent = readText(item.UserAgent);
  if (userAgent !== undefined) event.userAgent = userAgent;
}

import { parseProviderDateTime } from '../../normalize/time.js';

// Postmark writes every time as ISO 8601 with a zone: `2019-11-05T16:33:54.9070259Z`,
// `2014-08-01T13:28:10.2735393-04:00`. Text without one would have to be guessed at, so it is refused.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2101, 0, 1);

/**
 * Reads a Postmark time (`DeliveredAt`, `BouncedAt`, `ReceivedAt`, `ChangedAt`): ISO 8601 with `Z` or an offset
 * and up to seven fractional digits, truncated to the millisecond.
 * @param value A field as received.
 * @returns Milliseconds since the epoch, or `undefined` when the value is not such a time, has no zone, or falls
 *   outside the years 2000 to 2100 (a time in the wrong unit or a corrupted one, never a real event).
 */
export function readPostmarkTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!ISO_WITH_ZONE.test(text)) return undefined;
  const instant = parseProviderDateTime(text, 'UTC');
  return instant !== undefined && instant >= EARLIEST && instant < LATEST ? instant : undefined;
}

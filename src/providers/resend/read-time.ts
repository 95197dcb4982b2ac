import { parseProviderDateTime } from '../../normalize/time.js';

// Resend writes `created_at` as ISO 8601 with a zone: `2024-11-22T23:41:12.126Z` at the top level,
// `2024-11-22T23:41:11.894719+00:00` inside `data`. Text without one would have to be guessed at, so it is refused.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2101, 0, 1);

/**
 * Reads a Resend time: ISO 8601 with `Z` or an offset, fractional digits truncated to the millisecond.
 * @param value A field as received.
 * @returns Milliseconds since the epoch, or `undefined` when the value is not such a time, has no zone, or falls
 *   outside the years 2000 to 2100.
 */
export function readResendTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!ISO_WITH_ZONE.test(text)) return undefined;
  const instant = parseProviderDateTime(text, 'UTC');
  return instant !== undefined && instant >= EARLIEST && instant < LATEST ? instant : undefined;
}

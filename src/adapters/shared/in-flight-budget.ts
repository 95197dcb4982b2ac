import { WebhookError } from '../../errors.js';

/**
 * How long a refused sender is asked to wait, in seconds. Bodies normally arrive in well under a second; a few
 * seconds lets in-flight reads finish without making a provider's own back-off much longer.
 */
export const SERVER_BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * Requests holding at most this many bytes count as small: nearly every real delivery (a batch of a few hundred
 * events is tens of kilobytes). The last share of the budget is kept for them, so uploads of large bodies that
 * stall cannot starve ordinary deliveries.
 */
export const SMALL_BODY_BYTES = 256 * 1024;

/** The bytes one request holds against its handler's budget. */
export interface BodyReservation {
  /**
   * Makes sure the reservation covers `bytes` in all, taking the difference from the budget.
   * @param bytes Everything this request now holds (received bytes, plus decoded bytes for an encoded body).
   * @throws WebhookError `server_busy` when the budget cannot cover it; the reservation stays as it was.
   */
  cover(bytes: number): void;
  /** Gives every reserved byte back. Idempotent. */
  release(): void;
}

/** The bytes shared by all the requests one handler is reading at once. */
export interface InFlightBudget {
  /** Opens an empty reservation for one request. */
  open(): BodyReservation;
  /** Bytes reserved right now, by all open reservations. */
  readonly reservedBytes: number;
}

/**
 * The `503` refusal of a request that does not fit the budget, with `Retry-After`.
 * @param maxBytes The budget.
 */
export function serverBusy(maxBytes: number): WebhookError {
  return new WebhookError(
    'server_busy',
    `too many request bodies are being received at once (over ${maxBytes} bytes); please retry later`,
    { retryAfterSeconds: SERVER_BUSY_RETRY_AFTER_SECONDS },
  );
}

/**
 * Creates the budget of one handler. Reservations grow as bytes arrive (or all at once, for a declared
 * `Content-Length`), so stalled uploads cannot together hold more than `maxBytes` of memory.
 *
 * A quarter of the budget (less when `largestBody` would not fit beside it) is kept for small requests (at most
 * {@link SMALL_BODY_BYTES}): large ones are refused once the rest is taken. Without that share, 16 stalled 4 MiB
 * uploads fill a 64 MiB budget and every good delivery gets `503` until they time out.
 * @param maxBytes The most bytes all open reservations may hold together.
 * @param largestBody The most one request may hold (`maxBodyBytes`); it always fits an otherwise idle budget.
 */
export function createInFlightBudget(maxBytes: number, largestBody: number): InFlightBudget {
  const smallShare = Math.max(0, Math.min(Math.floor(maxBytes / 4), maxBytes - largestBody));
  const largeLimit = maxBytes - smallShare;
  let reserved = 0;
  return {
    get reservedBytes() {
      return reserved;
    },
    open() {
      let held = 0;
      return {
        cover(bytes) {
          if (bytes <= held) return;
          const more = bytes - held;
          if (reserved + more > (bytes > SMALL_BODY_BYTES ? largeLimit : maxBytes)) throw serverBusy(maxBytes);
          reserved += more;
          held = bytes;
        },
        release() {
          reserved -= held;
          held = 0;
        },
      };
    },
  };
}

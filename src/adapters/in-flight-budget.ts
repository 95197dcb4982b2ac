import { WebhookError } from '../errors.js';

/**
 * How long a refused sender is asked to wait, in seconds. Bodies normally arrive in well under a second; a few
 * seconds lets in-flight reads finish without making a provider's own back-off much longer.
 */
export const SERVER_BUSY_RETRY_AFTER_SECONDS = 5;

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
 * @param maxBytes The most bytes all open reservations may hold together.
 */
export function createInFlightBudget(maxBytes: number): InFlightBudget {
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
          if (reserved + more > maxBytes) throw serverBusy(maxBytes);
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

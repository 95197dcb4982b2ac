import { WebhookError } from '../../errors.js';
import type { AbortLike } from './abort.js';
import type { BodyReservation } from './in-flight-budget.js';

/** What a body reader is told: how many bytes it may take, against which budget, and when to give up. */
export interface BodyReadOptions {
  /** The most bytes accepted; one more and the reader stops with a `payload_too_large` error. */
  maxBytes: number;
  /** The request's share of the handler's in-flight budget; the reader stops with `server_busy` past it. */
  reservation: BodyReservation;
  /** Aborted when the request timeout fires; the reader then stops with the signal's reason. */
  signal: AbortLike;
}

/**
 * The `413` refusal.
 * @param maxBytes The limit that was crossed.
 */
export function bodyTooLarge(maxBytes: number): WebhookError {
  return new WebhookError('payload_too_large', `request body is larger than ${maxBytes} bytes`);
}

/** The `408` refusal: the body did not fully arrive in time. */
export function bodyTimedOut(): WebhookError {
  return new WebhookError('request_timeout', 'request body did not arrive in time');
}

/**
 * The refusal for a body that broke off (the client aborted or the connection failed). A truncated body is
 * unreadable, hence `400`; usually nobody is left to read the answer.
 * @param cause The stream's error, if any.
 */
export function bodyIncomplete(cause?: unknown): WebhookError {
  return new WebhookError('request_aborted', 'request body ended before it was complete', { cause });
}

/**
 * Refuses at once a body whose declared length already exceeds the limit. A smaller or missing declaration
 * proves nothing (chunked bodies have none), so the bytes are still counted as they arrive.
 * @param contentLength The `Content-Length` header, if any.
 * @param maxBytes The limit.
 * @throws WebhookError `payload_too_large`.
 */
export function assertDeclaredLength(contentLength: string | undefined, maxBytes: number): void {
  if (contentLength === undefined) return;
  const trimmed = contentLength.trim();
  // Compared as digits, so a length too large for a number is still refused.
  if (/^\d+$/.test(trimmed) && (trimmed.length > 15 || Number(trimmed) > maxBytes)) throw bodyTooLarge(maxBytes);
}

/**
 * The declared `Content-Length` as a number, once {@link assertDeclaredLength} passed it.
 * @param contentLength The header, if any.
 * @returns The length, or `undefined` when none (or no plain number) is declared.
 */
export function declaredLength(contentLength: string | undefined): number | undefined {
  const trimmed = contentLength?.trim();
  return trimmed !== undefined && /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * Refuses a body another middleware already buffered when it is over the limit.
 * @param body The buffered body.
 * @param maxBytes The limit.
 * @throws WebhookError `payload_too_large`.
 */
export function assertBufferedSize(body: Uint8Array, maxBytes: number): void {
  if (body.byteLength > maxBytes) throw bodyTooLarge(maxBytes);
}

/** Collects the chunks of a streamed body, counting bytes as they arrive. */
export interface ByteCollector {
  /**
   * Takes one chunk.
   * @throws WebhookError `payload_too_large` as soon as the total crosses the limit.
   */
  add(chunk: Uint8Array): void;
  /** The whole body as one array (a single chunk is returned as is, not copied). */
  bytes(): Uint8Array;
}

/**
 * Starts collecting a streamed body.
 * @param options The limit and the reservation that must cover every byte kept.
 * @param alreadyHeld Bytes the request already holds besides this body (the encoded body, while decoding it).
 * @param join Joins two or more chunks into one array of `total` bytes; by default a new `Uint8Array` (Node's
 *   `Buffer.concat` skips its zero-filling).
 */
export function createByteCollector(
  options: Pick<BodyReadOptions, 'maxBytes' | 'reservation'>,
  alreadyHeld = 0,
  join: (chunks: readonly Uint8Array[], total: number) => Uint8Array = joinChunks,
): ByteCollector {
  const { maxBytes, reservation } = options;
  const chunks: Uint8Array[] = [];
  let total = 0;
  return {
    add(chunk) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        chunks.length = 0;
        throw bodyTooLarge(maxBytes);
      }
      try {
        reservation.cover(alreadyHeld + total);
      } catch (error) {
        chunks.length = 0;
        throw error;
      }
      chunks.push(chunk);
    },
    bytes() {
      return chunks.length === 1 ? chunks[0]! : join(chunks, total);
    },
  };
}

function joinChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const whole = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

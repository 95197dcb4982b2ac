import { WebhookError, isWebhookError } from '../../errors.js';
import type { WebhookResult } from '../../result.js';

/** An HTTP answer every adapter can write as is: status, headers and the body as bytes. */
export interface WebhookAnswer {
  /** The HTTP status. */
  status: number;
  /** Header names in lower case; `content-length` counts the bytes of `body`. */
  headers: Record<string, string>;
  /** The JSON body, UTF-8 encoded. */
  body: Uint8Array;
}

/** The JSON body of a `200`: how much of the batch was taken. */
export interface AcceptedBody {
  /** Which provider sent the batch. */
  provider: WebhookResult['provider'];
  /** How many events the batch held; each was handled, in this request or an earlier one. */
  events: number;
  /** How many items of the batch could not be decoded (they are in `result.issues`). */
  issues: number;
  /**
   * How many of `events` were not handled again: with `dedupe`, those handled by an earlier delivery, and ids
   * repeated within the batch. `0` without `dedupe`.
   */
  duplicates: number;
}

/** The JSON body of every refusal. */
export interface RefusalBody {
  /** What went wrong: a stable `code` and a sentence for a person. */
  error: {
    /** A stable {@link WebhookError} code, e.g. `payload_too_large`. */
    code: string;
    /** What went wrong, for the person reading the provider's delivery log. */
    message: string;
  };
}

const encoder = new TextEncoder();
const SERVER_FAULT_MESSAGE = 'the webhook could not be processed; please retry later';

function jsonAnswer(status: number, value: AcceptedBody | RefusalBody, extra?: Record<string, string>): WebhookAnswer {
  const body = encoder.encode(JSON.stringify(value));
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      // Byte length, not string length: messages may carry non-ASCII text.
      'content-length': String(body.byteLength),
      'cache-control': 'no-store',
      ...extra,
    },
    body,
  };
}

/**
 * The `200` answer, sent once every event of the batch has been handled.
 * @param result The decoded batch.
 * @param duplicates How many of its events had been handled before (with `dedupe`).
 */
export function acceptedAnswer(result: WebhookResult, duplicates = 0): WebhookAnswer {
  return jsonAnswer(200, {
    provider: result.provider,
    events: result.events.length,
    issues: result.issues.length,
    duplicates,
  });
}

/**
 * The error answer for a refused or failed request. Only the message of a {@link WebhookError} refusing the
 * request (4xx) is sent: those are written for the provider. A `5xx` (a failing `onEvents`, a misconfiguration,
 * a bug) is answered with a fixed sentence so no internals leak.
 * @param error Whatever stopped the request.
 */
export function refusalAnswer(error: unknown): WebhookAnswer {
  const refusal = isWebhookError(error) ? error : new WebhookError('handler_failed', SERVER_FAULT_MESSAGE);
  // A server-side fault (a misconfiguration, a failing onEvents) is the operator's business, not the provider's.
  const message = refusal.status >= 500 ? SERVER_FAULT_MESSAGE : refusal.message;
  const extra: Record<string, string> = {};
  if (refusal.status === 405) extra.allow = 'POST, HEAD';
  if (refusal.status === 401) extra['www-authenticate'] = 'Basic realm="email-webhooks", charset="UTF-8"';
  // A retryable refusal (a handler past its deadline, a duplicate in progress, a busy server) says when to retry.
  if (refusal.retryAfterSeconds !== undefined) extra['retry-after'] = String(refusal.retryAfterSeconds);
  return jsonAnswer(refusal.status, { error: { code: refusal.code, message } }, extra);
}

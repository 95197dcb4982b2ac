import type { WebhookIssue } from './result.js';

/**
 * Why a webhook could not be accepted. Each code maps to the HTTP status an adapter answers with.
 */
export type WebhookErrorCode =
  | 'invalid_json'
  | 'unknown_provider'
  | 'invalid_payload'
  | 'invalid_options'
  | 'payload_too_large'
  | 'unauthorized'
  | 'method_not_allowed'
  | 'request_timeout'
  | 'request_aborted'
  | 'handler_failed'
  | 'invalid_signature'
  | 'handler_timeout'
  | 'duplicate_in_progress'
  | 'unsupported_encoding'
  | 'server_busy';

/** The HTTP status each {@link WebhookErrorCode} answers with. */
export const WEBHOOK_ERROR_STATUS: Readonly<Record<WebhookErrorCode, number>> = {
  invalid_json: 400,
  unknown_provider: 400,
  invalid_payload: 400,
  invalid_options: 500,
  payload_too_large: 413,
  unauthorized: 401,
  method_not_allowed: 405,
  request_timeout: 408,
  request_aborted: 400,
  handler_failed: 500,
  invalid_signature: 401,
  handler_timeout: 503,
  duplicate_in_progress: 503,
  unsupported_encoding: 415,
  server_busy: 503,
};

/**
 * The one error this library throws: a body it cannot read at all, a request it refuses, or options it
 * cannot use. Narrow on `code`; `status` is what an adapter answers with.
 */
export class WebhookError extends Error {
  /** What went wrong, stable across versions. */
  readonly code: WebhookErrorCode;
  /** The HTTP status an adapter answers with (400, 401, 413, ...). */
  readonly status: number;
  /** The item problems behind an `invalid_payload` error, when there are any. */
  readonly issues?: WebhookIssue[];
  /** For retryable refusals (`503`): after how many seconds to try again, sent as `Retry-After`. */
  readonly retryAfterSeconds?: number;

  /**
   * @param code What went wrong.
   * @param message A sentence a person can act on; it is sent to the provider in adapter answers, so it never
   *   carries internals.
   * @param options `issues` behind the error, the underlying `cause`, and `retryAfterSeconds` for retryable ones.
   */
  constructor(
    code: WebhookErrorCode,
    message: string,
    options: { issues?: WebhookIssue[]; cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WebhookError';
    this.code = code;
    this.status = WEBHOOK_ERROR_STATUS[code];
    if (options.issues !== undefined) this.issues = options.issues;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * Tells whether a value is a {@link WebhookError}. Works across bundles and realms where `instanceof` may not.
 * @param value Anything caught.
 */
export function isWebhookError(value: unknown): value is WebhookError {
  return (
    value instanceof WebhookError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'WebhookError' &&
      typeof (value as { code?: unknown }).code === 'string' &&
      typeof (value as { status?: unknown }).status === 'number')
  );
}

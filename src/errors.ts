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
  | 'handler_failed';

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

  /**
   * @param code What went wrong.
   * @param message A sentence a person can act on; it is sent to the provider in adapter answers, so it never
   *   carries internals.
   * @param options `issues` behind the error and the underlying `cause`.
   */
  constructor(code: WebhookErrorCode, message: string, options: { issues?: WebhookIssue[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WebhookError';
    this.code = code;
    this.status = WEBHOOK_ERROR_STATUS[code];
    if (options.issues !== undefined) this.issues = options.issues;
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

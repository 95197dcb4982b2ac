import { WebhookError } from '../errors.js';
import { resolveParseOptions } from '../options.js';
import type { ParseOptions } from '../result.js';
import type { HandlerPhaseOptions } from './handler-options.js';

/**
 * The default `maxBodyBytes`: 4 MiB. Measured 1000-item bodies: Lingdong pretty-printed like its article with
 * Chinese campaign, subject and location text, 0.70 MB for a mix of groups and 0.90 MB for complaints with long
 * Chinese texts; SendPulse SMTP, 0.48 MB. Lingdong documents no batch limit, and 1000 items in each of its five
 * groups (about 3.5 MB) still fits, while one request stays bounded.
 */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The default `requestTimeoutMs`: 30 seconds for the whole body to arrive. Providers post a few hundred kilobytes
 * at most, so a body still arriving after that is a stalled or hostile client.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * What every adapter (`expressWebhook`, `nodeWebhook`, `fetchWebhook`) accepts: the core's {@link ParseOptions}
 * plus what receiving a request over HTTP needs.
 * @typeParam Context What the adapter passes to `onEvents` and `onError`: its framework's request objects.
 */
export interface WebhookHandlerOptions<Context> extends ParseOptions, HandlerPhaseOptions<Context> {
  /**
   * The shared secret the provider must present, as the `token` query parameter
   * (`https://host/hook?token=SECRET`) or as the HTTP Basic password (`https://hooks:SECRET@host/hook`).
   * Compared in constant time. Without it, anyone who learns the URL can post events.
   */
  secret?: string;
  /**
   * The largest body accepted, in bytes actually received (a `Content-Length` is not trusted, only used to refuse
   * early). Larger bodies are answered `413` as soon as the limit is crossed. Default {@link DEFAULT_MAX_BODY_BYTES}.
   */
  maxBodyBytes?: number;
  /**
   * How long, in milliseconds, the whole body may take to arrive; a body still arriving after that is answered
   * `408`. `0` or `Infinity` disables the limit (the server's own timeouts still apply).
   * Default {@link DEFAULT_REQUEST_TIMEOUT_MS}.
   */
  requestTimeoutMs?: number;
  /**
   * Called with every error behind a non-`200` answer, for logging: a refused request (a {@link WebhookError},
   * narrow with `isWebhookError`) or whatever `onEvents` threw, as thrown. It may be async. What it throws, or a
   * promise it returns that rejects, is ignored. The answer never carries the message of an error thrown by your
   * code.
   * @param error The refusal or your `onEvents` error.
   * @param context The framework's request objects.
   */
  onError?(error: unknown, context: Context): void;
}

/** Options with defaults applied and checked once, when the handler is created. */
export interface ResolvedHandlerOptions {
  parseOptions: ParseOptions;
  secret: string | undefined;
  maxBodyBytes: number;
  requestTimeoutMs: number;
}

/**
 * Applies defaults and checks options, so a misconfiguration fails when the server starts rather than on the
 * provider's first delivery.
 * @param options What the user passed to an adapter.
 * @returns The options the pipeline works with.
 * @throws WebhookError `invalid_options` on a missing `onEvents`, an empty `secret`, a bad limit, an unknown
 *   provider or time zone.
 */
export function resolveHandlerOptions<Context>(
  options: WebhookHandlerOptions<Context>,
): ResolvedHandlerOptions {
  if (typeof options !== 'object' || options === null) {
    throw new WebhookError('invalid_options', 'the webhook handler needs options: a secret and on or onEvents');
  }
  // An empty secret is almost always an unset environment variable; treating it as "no secret" would open the
  // endpoint silently.
  if (options.secret !== undefined && (typeof options.secret !== 'string' || options.secret === '')) {
    throw new WebhookError('invalid_options', 'secret must be a non-empty string (or left out)');
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new WebhookError('invalid_options', 'maxBodyBytes must be a positive integer');
  }
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (typeof requestTimeoutMs !== 'number' || Number.isNaN(requestTimeoutMs) || requestTimeoutMs < 0) {
    throw new WebhookError('invalid_options', 'requestTimeoutMs must be a number of milliseconds, 0 to disable');
  }
  // The core's resolver checks the parse options, so adapters and parseWebhook accept and refuse the same ones.
  resolveParseOptions(options);
  const parseOptions: ParseOptions = {};
  if (options.maxItems !== undefined) parseOptions.maxItems = options.maxItems;
  if (options.provider !== undefined) parseOptions.provider = options.provider;
  if (options.providers !== undefined) parseOptions.providers = options.providers;
  if (options.timeZone !== undefined) parseOptions.timeZone = options.timeZone;
  if (options.strict !== undefined) parseOptions.strict = options.strict;
  return { parseOptions, secret: options.secret, maxBodyBytes, requestTimeoutMs };
}

import { WebhookError } from '../../errors.js';
import { resolveParseOptions } from '../../options.js';
import type { ParseOptions } from '../../result.js';
import type { HandlerPhaseOptions } from './handler-options.js';
import { BUILT_IN_PROVIDERS } from '../../providers/registry.js';
import { assertSigningOptions, DEFAULT_SIGNATURE_TOLERANCE_SECONDS, type SigningKeys } from '../../verify-webhook.js';

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
 * The default `maxInFlightBytes`: 64 MiB, sixteen bodies of the default {@link DEFAULT_MAX_BODY_BYTES} at once.
 * Real deliveries are a few hundred kilobytes and arrive a few at a time, so hundreds of them still fit, while
 * 250 stalled 4 MiB uploads (about 1 GiB buffered without a budget) are held to this, well inside a small
 * container's memory next to Node's own ~80 MiB.
 */
export const DEFAULT_MAX_IN_FLIGHT_BYTES = 64 * 1024 * 1024;

/**
 * What every adapter (`expressWebhook`, `nodeWebhook`, `fetchWebhook`) accepts: the core's {@link ParseOptions}
 * plus what receiving a request over HTTP needs.
 * @typeParam Context What the adapter passes to `onEvents` and `onError`: its framework's request objects.
 */
export interface WebhookHandlerOptions<Context> extends ParseOptions, HandlerPhaseOptions<Context> {
  /**
   * The shared secret the provider must present, as the `token` query parameter
   * (`https://host/hook?token=SECRET`) or as the HTTP Basic password (`https://hooks:SECRET@host/hook`).
   * Compared in constant time. A list accepts each of its secrets, so one can be rotated without downtime.
   *
   * Required, unless `signingKeys` are given: leaving it out (or `undefined`, as an unset environment variable
   * reads) throws `invalid_options` when the handler is created. `false` says, explicitly, that requests need no
   * secret: with `signingKeys` every request must then be signed; without them the endpoint is open to anyone
   * who learns its URL.
   */
  secret?: string | readonly string[] | false | undefined;
  /**
   * Signing keys by provider name, for the providers that sign their requests (as their dashboards show them).
   * A request that carries the signature of a provider listed here must verify with one of its keys within
   * `signatureToleranceSeconds`, or it is answered `401` `invalid_signature`; it is then decoded as that
   * provider's. An unsigned request is accepted only with a matching `secret`.
   */
  signingKeys?: SigningKeys | undefined;
  /**
   * How far a signed timestamp may be from now, in seconds, either way. Default 300; `Infinity` disables the
   * time check.
   */
  signatureToleranceSeconds?: number | undefined;
  /**
   * The most bytes all the bodies this handler is reading at once may hold, decoded bytes included. A request
   * whose declared `Content-Length` does not fit is answered `503` `server_busy` with `Retry-After` before its
   * body is read; one that crosses it while arriving, as soon as it does. Default
   * {@link DEFAULT_MAX_IN_FLIGHT_BYTES}.
   */
  maxInFlightBytes?: number | undefined;
  /**
   * The largest body accepted, in bytes actually received and, for a `gzip` or `deflate` body, in decoded bytes
   * too (a `Content-Length` is not trusted, only used to refuse early). Larger bodies are answered `413` as soon
   * as the limit is crossed. Default {@link DEFAULT_MAX_BODY_BYTES}.
   */
  maxBodyBytes?: number | undefined;
  /**
   * How long, in milliseconds, the whole body may take to arrive; a body still arriving after that is answered
   * `408`. `0` or `Infinity` disables the limit (the server's own timeouts still apply).
   * Default {@link DEFAULT_REQUEST_TIMEOUT_MS}.
   */
  requestTimeoutMs?: number | undefined;
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
  /** The accepted secrets; empty for `secret: false`. */
  secrets: readonly string[];
  /** The signing keys by provider; `undefined` when none are configured. */
  signingKeys: SigningKeys | undefined;
  signatureToleranceSeconds: number;
  maxBodyBytes: number;
  requestTimeoutMs: number;
  maxInFlightBytes: number;
}

/** The fix named when an adapter is given no way to authenticate requests. */
export const MISSING_AUTH_MESSAGE =
  'the webhook handler needs a secret (a non-empty string or list, such as your WEBHOOK_SECRET variable), ' +
  'signingKeys for a provider that signs its requests, or secret: false to accept unauthenticated requests; ' +
  'if you passed an environment variable, it is not set';

function resolveSecrets(secret: unknown, hasSigningKeys: boolean): readonly string[] {
  if (secret === false) return [];
  if (secret === undefined) {
    if (hasSigningKeys) return [];
    throw new WebhookError('invalid_options', MISSING_AUTH_MESSAGE);
  }
  const list: unknown[] = typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : [secret];
  // An empty secret is almost always an unset environment variable; treating it as "no secret" would open the
  // endpoint silently.
  if (list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
    throw new WebhookError('invalid_options', 'secret must be a non-empty string or a non-empty list of them (or false)');
  }
  return list as string[];
}

/**
 * Applies defaults and checks options, so a misconfiguration fails when the server starts rather than on the
 * provider's first delivery.
 * @param options What the user passed to an adapter.
 * @returns The options the pipeline works with.
 * @throws WebhookError `invalid_options` on a missing `onEvents`, no way to authenticate (no `secret`, no
 *   `signingKeys`, no `secret: false`), an empty `secret`, unusable signing keys, a bad limit, an unknown provider
 *   or time zone.
 */
export function resolveHandlerOptions<Context>(
  options: WebhookHandlerOptions<Context>,
): ResolvedHandlerOptions {
  if (typeof options !== 'object' || options === null) {
    throw new WebhookError('invalid_options', 'the webhook handler needs options: a secret and on or onEvents');
  }
  const signingKeys = options.signingKeys;
  const signatureToleranceSeconds = options.signatureToleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  if (signingKeys !== undefined) {
    assertSigningOptions(signingKeys, signatureToleranceSeconds, options.providers ?? BUILT_IN_PROVIDERS);
  } else if (options.signatureToleranceSeconds !== undefined) {
    throw new WebhookError('invalid_options', 'signatureToleranceSeconds needs signingKeys');
  }
  const hasSigningKeys = signingKeys !== undefined && Object.values(signingKeys).some((keys) => keys !== undefined);
  const secrets = resolveSecrets(options.secret, hasSigningKeys);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new WebhookError('invalid_options', 'maxBodyBytes must be a positive integer');
  }
  const maxInFlightBytes = options.maxInFlightBytes ?? DEFAULT_MAX_IN_FLIGHT_BYTES;
  if (!Number.isSafeInteger(maxInFlightBytes) || maxInFlightBytes < 1) {
    throw new WebhookError('invalid_options', 'maxInFlightBytes must be a positive integer');
  }
  if (maxInFlightBytes < maxBodyBytes) {
    // Otherwise a body the limit allows could never be read, on an idle server too.
    throw new WebhookError('invalid_options', 'maxInFlightBytes must be at least maxBodyBytes');
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
  return {
    parseOptions,
    secrets,
    signingKeys: hasSigningKeys ? signingKeys : undefined,
    signatureToleranceSeconds,
    maxBodyBytes,
    requestTimeoutMs,
    maxInFlightBytes,
  };
}

import { WebhookError } from './errors.js';
import { type RequestHeaders, toHeaderReader } from './headers.js';
import type { Provider, SignedRequest } from './providers/provider.js';
import { BUILT_IN_PROVIDERS, listProviderNames } from './providers/registry.js';
import type { ProviderName } from './events.js';

/** The default `toleranceSeconds` of {@link verifyWebhook}: 5 minutes either way, as Standard Webhooks advise. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Signing keys by provider name, as each provider's dashboard shows them: SendGrid's base64 public key,
 * Mailgun's HTTP webhook signing key, Resend's `whsec_...` secret. A list allows rotation: any key verifies.
 */
export type SigningKeys = { readonly [name: string]: string | readonly string[] | undefined };

/** The request {@link verifyWebhook} checks. */
export interface WebhookRequest {
  /** The body exactly as received: signatures cover these bytes (a string is encoded as UTF-8). */
  body: string | Uint8Array;
  /** The request's headers: a Fetch `Headers`, or a plain record such as Node's `req.headers`. */
  headers: RequestHeaders;
  /** The request URL, when known. */
  url?: string;
}

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** Keys by provider name; only providers listed here are checked. */
  signingKeys: SigningKeys;
  /**
   * How far a signed timestamp may be from `now`, in seconds. Default
   * {@link DEFAULT_SIGNATURE_TOLERANCE_SECONDS}; `Infinity` disables the time check.
   */
  toleranceSeconds?: number;
  /** The time to check against. Default: now. */
  now?: Date;
  /** The providers to consider; every built-in provider by default. Add your own signing providers here. */
  providers?: readonly Provider[];
}

const encoder = new TextEncoder();

/** Builds the view of a request that signature schemes read: bytes, headers and the body as JSON, parsed once. */
function toSignedRequest(request: WebhookRequest): SignedRequest {
  const body = typeof request.body === 'string' ? encoder.encode(request.body) : request.body;
  let parsed: { value: unknown } | undefined;
  return {
    body,
    header: toHeaderReader(request.headers),
    url: request.url,
    json() {
      if (parsed === undefined) {
        try {
          parsed = { value: JSON.parse(new TextDecoder().decode(body)) };
        } catch {
          parsed = { value: undefined };
        }
      }
      return parsed.value;
    },
  };
}

/** The keys configured for a provider, as a list; an empty list when none are. */
export function keysFor(signingKeys: SigningKeys, name: string): readonly string[] {
  const keys = Object.hasOwn(signingKeys, name) ? signingKeys[name] : undefined;
  if (keys === undefined) return [];
  return typeof keys === 'string' ? [keys] : keys;
}

/**
 * Checks signing options once: every key a non-empty string, every named provider known and signing, the
 * tolerance a non-negative number of seconds.
 * @throws {WebhookError} `invalid_options`.
 */
export function assertSigningOptions(
  signingKeys: unknown,
  toleranceSeconds: unknown,
  providers: readonly Provider[] = BUILT_IN_PROVIDERS,
): void {
  if (typeof signingKeys !== 'object' || signingKeys === null || Array.isArray(signingKeys)) {
    throw new WebhookError('invalid_options', 'signingKeys must be an object of keys by provider name');
  }
  const signing = providers.filter((provider) => provider.signature !== undefined);
  for (const [name, keys] of Object.entries(signingKeys)) {
    if (keys === undefined) continue;
    if (!signing.some((provider) => provider.name === name)) {
      throw new WebhookError(
        'invalid_options',
        `signingKeys.${name}: not a provider that signs its requests (${listProviderNames(signing) || 'none'})`,
      );
    }
    const list: unknown[] = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : [keys];
    if (list.length === 0 || !list.every((key) => typeof key === 'string' && key.trim() !== '')) {
      throw new WebhookError('invalid_options', `signingKeys.${name} must be a non-empty key or list of keys`);
    }
  }
  if (typeof toleranceSeconds !== 'number' || Number.isNaN(toleranceSeconds) || toleranceSeconds < 0) {
    throw new WebhookError('invalid_options', 'signature tolerance must be a number of seconds (Infinity for none)');
  }
}

/**
 * Verifies a webhook request's signature with the configured keys, on Web Crypto only.
 *
 * The request must carry the signature of a provider that has keys in `signingKeys`, and it must verify with one
 * of them within the time tolerance.
 * @param request The raw body, the headers and optionally the URL.
 * @param options The keys by provider, the tolerance and the current time.
 * @returns The name of the provider whose signature verified.
 * @throws {WebhookError} `invalid_signature` when the request carries no signature of a configured provider, or it
 *   does not verify, or its timestamp is out of tolerance; `invalid_options` for unusable options.
 * @example
 * const provider = await verifyWebhook(
 *   { body: await request.text(), headers: request.headers },
 *   { signingKeys: { sendgrid: env.SENDGRID_KEY } },
 * );
 */
export async function verifyWebhook(request: WebhookRequest, options: VerifyWebhookOptions): Promise<ProviderName> {
  const providers = options.providers ?? BUILT_IN_PROVIDERS;
  const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  assertSigningOptions(options.signingKeys, toleranceSeconds, providers);
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new WebhookError('invalid_options', 'now must be a valid Date');
  }
  const signed = toSignedRequest(request);
  let failure: unknown;
  for (const provider of providers) {
    const keys = keysFor(options.signingKeys, provider.name);
    if (provider.signature === undefined || keys.length === 0 || !provider.signature.isSigned(signed)) continue;
    try {
      await provider.signature.verify(signed, keys, { toleranceSeconds, now });
      return provider.name;
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== undefined) {
    if (failure instanceof WebhookError) throw failure;
    throw new WebhookError('invalid_signature', 'the webhook signature could not be checked', { cause: failure });
  }
  throw new WebhookError('invalid_signature', 'the request carries no signature of a provider with a signing key');
}

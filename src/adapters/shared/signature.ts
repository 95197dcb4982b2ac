import type { ProviderName } from '../../events.js';
import type { RequestHeaders } from '../../headers.js';
import type { Provider, SignedRequest } from '../../providers/provider.js';
import { keysFor, verifyWebhook, type SigningKeys } from '../../verify-webhook.js';

/** What the adapters need to check signatures: the keys, the tolerance and the providers to consider. */
export interface SignatureSettings {
  signingKeys: SigningKeys;
  toleranceSeconds: number;
  providers: readonly Provider[];
}

/** A request body and headers, as the signature check reads them. */
export interface SignatureInput {
  /** The body decoded from any `Content-Encoding`: what providers sign. */
  body: Uint8Array;
  /** The request's headers. */
  headers: RequestHeaders;
  /** Reads one header by its lower-case name. */
  header(name: string): string | undefined;
  /** The request URL or request target. */
  url: string;
}

/**
 * Checks a request against the configured signing keys, the way {@link verifyWebhook} does.
 *
 * Signatures are checked over the decoded body: SendGrid and Resend (Svix) sign the payload they send, and a
 * `Content-Encoding` is a transport detail applied after signing, so the bytes as they arrive over a compressed
 * connection would never verify.
 * @param settings The keys, the time tolerance and the providers.
 * @param input The decoded body, the headers and the target.
 * @returns The provider whose signature verified, or `undefined` when the request carries no signature of a
 *   provider with keys (it must then be authenticated by a secret).
 * @throws WebhookError `invalid_signature` when it carries one that does not verify or is out of tolerance.
 */
export async function checkSignature(settings: SignatureSettings, input: SignatureInput): Promise<ProviderName | undefined> {
  const signed = signedRequest(input);
  const claimed = settings.providers.some(
    (provider) =>
      provider.signature !== undefined &&
      keysFor(settings.signingKeys, provider.name).length > 0 &&
      provider.signature.isSigned(signed),
  );
  if (!claimed) return undefined;
  return verifyWebhook(
    { body: input.body, headers: input.headers, url: input.url },
    { signingKeys: settings.signingKeys, toleranceSeconds: settings.toleranceSeconds, providers: settings.providers },
  );
}

function signedRequest(input: SignatureInput): SignedRequest {
  let parsed: { value: unknown } | undefined;
  return {
    body: input.body,
    header: input.header,
    url: input.url,
    json() {
      if (parsed === undefined) {
        try {
          parsed = { value: JSON.parse(new TextDecoder().decode(input.body)) };
        } catch {
          parsed = { value: undefined };
        }
      }
      return parsed.value;
    },
  };
}

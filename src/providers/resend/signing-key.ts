import { WebhookError } from '../../errors.js';

const SECRET_PREFIX = 'whsec_';

/** A key Web Crypto imported (the core's type library has no DOM `CryptoKey`). */
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

// Imported keys by secret: a server configures one or two, and importing costs more than the check itself.
const importedKeys = new Map<string, Promise<HmacKey>>();
const MAX_IMPORTED_KEYS = 16;

/**
 * The bytes of a Resend (Svix, Standard Webhooks) signing secret: the base64 after `whsec_`. A secret pasted
 * without its prefix is read the same way.
 * @param secret The secret as the dashboard shows it, e.g. `whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw`.
 * @throws {WebhookError} `invalid_options` when the rest is not base64 or is empty.
 */
export function decodeSigningSecret(secret: string): Uint8Array<ArrayBuffer> {
  const text = secret.trim();
  const encoded = text.startsWith(SECRET_PREFIX) ? text.slice(SECRET_PREFIX.length) : text;
  let binary: string;
  try {
    binary = atob(encoded);
  } catch {
    throw new WebhookError('invalid_options', 'signingKeys.resend: a signing secret is whsec_ followed by base64');
  }
  if (binary.length === 0) throw new WebhookError('invalid_options', 'signingKeys.resend: the signing secret is empty');
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The HMAC-SHA256 key of a signing secret, for signing and verifying, imported once per secret.
 * @param secret The secret as the dashboard shows it.
 * @throws {WebhookError} `invalid_options` when the secret cannot be read.
 */
export function hmacKeyOf(secret: string): Promise<HmacKey> {
  let key = importedKeys.get(secret);
  if (key === undefined) {
    const bytes = decodeSigningSecret(secret);
    if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.clear();
    key = crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    importedKeys.set(secret, key);
  }
  return key;
}

import { WebhookError } from '../../errors.js';
import type { SignatureCheckOptions, SignatureScheme, SignedRequest } from '../provider.js';
import { decodeBase64 } from './base64.js';
import { derToRawSignature } from './ecdsa-der.js';

/** The header holding SendGrid's base64 DER ECDSA signature. */
export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
/** The header holding the unix time (seconds) SendGrid signed with the body. */
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DIGITS = /^\d{1,12}$/;
const encoder = new TextEncoder();

/** A key Web Crypto imported (named here: the core's type library has no DOM `CryptoKey`). */
type ImportedKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

// Imported keys by their base64 text: importing costs more than verifying, and a process uses one or two keys.
const importedKeys = new Map<string, Promise<ImportedKey>>();
const MAX_IMPORTED_KEYS = 16;

/**
 * Imports the verification key as SendGrid shows it: a base64 SubjectPublicKeyInfo of a P-256 key.
 * @throws {WebhookError} `invalid_options` when the text is not such a key.
 */
async function importPublicKey(key: string): Promise<ImportedKey> {
  let imported = importedKeys.get(key);
  if (imported === undefined) {
    const der = decodeBase64(key);
    imported =
      der === undefined
        ? Promise.reject(new Error('not base64'))
        : crypto.subtle.importKey('spki', der, ECDSA_P256, false, ['verify']);
    if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.clear();
    importedKeys.set(key, imported);
  }
  try {
    return await imported;
  } catch (error) {
    importedKeys.delete(key);
    throw new WebhookError(
      'invalid_options',
      'signingKeys.sendgrid must be the base64 public key SendGrid shows for the Signed Event Webhook',
      { cause: error },
    );
  }
}

/** The signed bytes: the timestamp header's text, then the body exactly as received. */
function signedPayload(timestamp: string, body: Uint8Array): Uint8Array {
  const prefix = encoder.encode(timestamp);
  const payload = new Uint8Array(prefix.length + body.length);
  payload.set(prefix, 0);
  payload.set(body, prefix.length);
  return payload;
}

function refuse(message: string): never {
  throw new WebhookError('invalid_signature', message);
}

async function verifySendgrid(request: SignedRequest, keys: readonly string[], options: SignatureCheckOptions): Promise<void> {
  const signatureText = request.header(SENDGRID_SIGNATURE_HEADER)?.trim();
  const timestamp = request.header(SENDGRID_TIMESTAMP_HEADER)?.trim();
  if (signatureText === undefined || signatureText === '' || timestamp === undefined || !DIGITS.test(timestamp)) {
    refuse('the SendGrid signature or timestamp header is missing or malformed');
  }
  const der = decodeBase64(signatureText);
  const signature = der === undefined ? undefined : derToRawSignature(der);
  if (signature === undefined) refuse('the SendGrid signature is not a base64 DER ECDSA signature');
  if (Math.abs(options.now.getTime() / 1000 - Number(timestamp)) > options.toleranceSeconds) {
    refuse('the SendGrid signature timestamp is outside the allowed tolerance');
  }
  const payload = signedPayload(timestamp, request.body);
  for (const key of keys) {
    if (await crypto.subtle.verify(ECDSA_SHA256, await importPublicKey(key), signature, payload)) return;
  }
  refuse('the SendGrid signature does not match');
}

/**
 * SendGrid's Signed Event Webhook: an ECDSA P-256 / SHA-256 signature, base64 DER in
 * `X-Twilio-Email-Event-Webhook-Signature`, over the `X-Twilio-Email-Event-Webhook-Timestamp` header's text
 * followed by the raw body (its trailing `\r\n` included). Keys are the base64 public keys SendGrid shows.
 */
export const sendgridSignature: SignatureScheme = {
  isSigned: (request) => request.header(SENDGRID_SIGNATURE_HEADER) !== undefined,
  verify: verifySendgrid,
};

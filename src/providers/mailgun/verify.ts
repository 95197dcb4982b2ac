import { WebhookError } from '../../errors.js';
import { isItem } from '../item.js';
import type { SignatureCheckOptions, SignatureScheme, SignedRequest } from '../provider.js';
import { rememberToken, wasTokenSeen } from './seen-tokens.js';

const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256' } as const;
const HEX_SIGNATURE = /^[0-9a-fA-F]{64}$/;
const DIGITS = /^\d{1,12}$/;
const encoder = new TextEncoder();

/** A key Web Crypto imported (named here: the core's type library has no DOM `CryptoKey`). */
type ImportedKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

// Imported keys by their text: a process uses one or two signing keys, and importing costs more than an HMAC.
const importedKeys = new Map<string, Promise<ImportedKey>>();
const MAX_IMPORTED_KEYS = 16;

function importSigningKey(key: string): Promise<ImportedKey> {
  let imported = importedKeys.get(key);
  if (imported === undefined) {
    imported = crypto.subtle.importKey('raw', encoder.encode(key), HMAC_SHA256, false, ['verify']);
    if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.clear();
    importedKeys.set(key, imported);
  }
  return imported;
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function refuse(message: string): never {
  throw new WebhookError('invalid_signature', message);
}

/** The `signature` block of a Mailgun body, when it has one. */
function signatureBlock(request: SignedRequest): Record<string, unknown> | undefined {
  const body = request.json();
  return isItem(body) && isItem(body.signature) ? body.signature : undefined;
}

async function verifyMailgun(request: SignedRequest, keys: readonly string[], options: SignatureCheckOptions): Promise<void> {
  const block = signatureBlock(request);
  const timestamp = typeof block?.timestamp === 'number' ? String(block.timestamp) : block?.timestamp;
  const token = block?.token;
  const signature = block?.signature;
  if (typeof timestamp !== 'string' || !DIGITS.test(timestamp) || typeof token !== 'string' || token === '' ||
      typeof signature !== 'string' || !HEX_SIGNATURE.test(signature)) {
    refuse('the Mailgun signature block is missing or malformed');
  }
  const now = options.now.getTime();
  const signedAt = Number(timestamp) * 1000;
  if (Math.abs(now - signedAt) > options.toleranceSeconds * 1000) {
    refuse('the Mailgun signature timestamp is outside the allowed tolerance');
  }
  const data = encoder.encode(timestamp + token);
  const expected = hexBytes(signature);
  let verified = false;
  // crypto.subtle.verify compares the HMAC in constant time; every key is tried, so timing tells nothing either.
  for (const key of keys) {
    if (await crypto.subtle.verify('HMAC', await importSigningKey(key), expected, data)) verified = true;
  }
  if (!verified) refuse('the Mailgun signature does not match');
  if (wasTokenSeen(token, now)) refuse('the Mailgun token was already used: a replayed request');
  rememberToken(token, signedAt + options.toleranceSeconds * 1000, now);
}

/**
 * Mailgun's webhook signature: the body's `signature` block holds `timestamp`, `token` and the hex
 * HMAC-SHA256 of `timestamp + token` under the HTTP webhook signing key. A token is accepted once: a request
 * replayed within the tolerance is refused (see `seen-tokens.ts`).
 */
export const mailgunSignature: SignatureScheme = {
  isSigned: (request) => signatureBlock(request) !== undefined,
  verify: verifyMailgun,
};

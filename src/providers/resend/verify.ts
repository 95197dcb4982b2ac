import { WebhookError } from '../../errors.js';
import type { SignatureScheme, SignedRequest } from '../provider.js';
import { hmacKeyOf } from './signing-key.js';

const encoder = new TextEncoder();
const UNIX_SECONDS = /^\d{1,12}$/;
const SHA256_BYTES = 32;

/** A Standard Webhooks header: Resend sends the `svix-` names; the `webhook-` names are the standard's own. */
function signatureHeader(request: SignedRequest, name: 'id' | 'timestamp' | 'signature'): string | undefined {
  return request.header(`svix-${name}`) ?? request.header(`webhook-${name}`);
}

/** The `v1` signatures of a `svix-signature` header: space-separated `v1,<base64>` entries (others skipped). */
function versionOneSignatures(header: string): Uint8Array<ArrayBuffer>[] {
  const signatures: Uint8Array<ArrayBuffer>[] = [];
  for (const entry of header.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    let binary: string;
    try {
      binary = atob(entry.slice(comma + 1));
    } catch {
      continue;
    }
    if (binary.length !== SHA256_BYTES) continue;
    const bytes = new Uint8Array(SHA256_BYTES);
    for (let i = 0; i < SHA256_BYTES; i++) bytes[i] = binary.charCodeAt(i);
    signatures.push(bytes);
  }
  return signatures;
}

/** What is signed: `${id}.${timestamp}.` and then the body's exact bytes. */
function signedContent(id: string, timestamp: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const content = new Uint8Array(prefix.length + body.length);
  content.set(prefix, 0);
  content.set(body, prefix.length);
  return content;
}

/**
 * Resend's signatures (Svix, the Standard Webhooks scheme): `svix-signature` holds `v1,<base64>` entries, each an
 * HMAC-SHA256 of `${svix-id}.${svix-timestamp}.${body}` keyed with the bytes of the `whsec_` secret. Any entry
 * that verifies with any configured secret passes (rotation); the timestamp must be within the tolerance.
 */
export const resendSignature: SignatureScheme = {
  isSigned: (request) => signatureHeader(request, 'signature') !== undefined,
  async verify(request, keys, { toleranceSeconds, now }) {
    const id = signatureHeader(request, 'id')?.trim();
    const timestamp = signatureHeader(request, 'timestamp')?.trim();
    const header = signatureHeader(request, 'signature');
    if (!id || !timestamp || header === undefined) {
      throw new WebhookError('invalid_signature', 'a Resend signature needs the svix-id, svix-timestamp and svix-signature headers');
    }
    if (!UNIX_SECONDS.test(timestamp)) {
      throw new WebhookError('invalid_signature', 'the Resend signature timestamp is not unix seconds');
    }
    if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) {
      throw new WebhookError('invalid_signature', 'the Resend signature timestamp is outside the tolerance');
    }
    const signatures = versionOneSignatures(header);
    if (signatures.length === 0) throw new WebhookError('invalid_signature', 'the Resend signature header holds no v1 signature');
    const content = signedContent(id, timestamp, request.body);
    for (const secret of keys) {
      const key = await hmacKeyOf(secret);
      // crypto.subtle.verify compares in constant time.
      for (const signature of signatures) if (await crypto.subtle.verify('HMAC', key, signature, content)) return;
    }
    throw new WebhookError('invalid_signature', 'the Resend signature does not match');
  },
};

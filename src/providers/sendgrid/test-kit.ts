import type { EmailEventType } from '../../events.js';
import type { EventSpec, ProviderTestKit } from '../provider.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import { rawToDerSignature } from './ecdsa-der.js';
import { SENDGRID_SIGNATURE_HEADER, SENDGRID_TIMESTAMP_HEADER } from './verify.js';

// The SendGrid event written for each of our types; `bounced` and `unsubscribed` are refined per spec below.
const EVENT_NAMES: Readonly<Record<Exclude<EmailEventType, 'unknown'>, string>> = {
  queued: 'processed',
  deferred: 'deferred',
  rejected: 'dropped',
  delivered: 'delivered',
  bounced: 'bounce',
  opened: 'open',
  clicked: 'click',
  unsubscribed: 'unsubscribe',
  complained: 'spamreport',
  subscribed: 'group_resubscribe',
};

const DEFAULT_RECIPIENT = 'recipient@example.com';

/** A 22-character id in SendGrid's style (base64url of 16 random bytes). */
function randomEventId(): string {
  return encodeBase64(crypto.getRandomValues(new Uint8Array(16))).replace(/\+/g, '-').replace(/\//g, '_').slice(0, 22);
}

function smtpText(code: number | undefined, text: string | undefined): string | undefined {
  if (text !== undefined) return code !== undefined && !text.startsWith(String(code)) ? `${code} ${text}` : text;
  return code === undefined ? undefined : String(code);
}

// Fields of our vocabulary that a SendGrid event has no place for.
const UNWRITABLE_FIELDS = ['subject', 'sender', 'campaign', 'geo', 'client', 'source'] as const;

/**
 * One SendGrid event for a spec, with the fields that spec's event type carries.
 * @throws {TypeError} For a field SendGrid cannot carry.
 */
function toItem(spec: EventSpec): Record<string, unknown> {
  for (const field of UNWRITABLE_FIELDS) {
    if ((spec as Record<string, unknown>)[field] !== undefined) throw new TypeError(`a SendGrid event has no ${field}`);
  }
  const item: Record<string, unknown> = {
    email: spec.recipient ?? DEFAULT_RECIPIENT,
    timestamp: Math.floor((spec.occurredAt ?? new Date()).getTime() / 1000),
    event: spec.type === 'unknown' ? spec.providerEvent : EVENT_NAMES[spec.type],
    sg_event_id: spec.id ?? randomEventId(),
  };
  if (spec.messageId !== undefined) item.sg_message_id = spec.messageId;
  if (spec.tags !== undefined) item.category = spec.tags.length === 1 ? spec.tags[0] : spec.tags;
  if (spec.listId !== undefined) item.asm_group_id = Number.isSafeInteger(Number(spec.listId)) ? Number(spec.listId) : spec.listId;
  switch (spec.type) {
    case 'delivered':
    case 'deferred':
      if (spec.smtp?.enhancedStatus !== undefined) item.status = spec.smtp.enhancedStatus;
      if (smtpText(spec.smtp?.code, spec.smtp?.text) !== undefined) item.response = smtpText(spec.smtp?.code, spec.smtp?.text);
      break;
    case 'bounced': {
      // Only `blocked` bounces follow their code: a soft one is written with a 4xx reply, an undetermined one
      // with a reply that has no code.
      const kind = spec.bounce ?? 'hard';
      item.type = kind === 'hard' ? 'bounce' : 'blocked';
      if (kind === 'undetermined') item.reason = spec.smtp?.text ?? 'Blocked by the receiving server';
      else {
        item.reason = smtpText(spec.smtp?.code ?? (kind === 'soft' ? 421 : 550), spec.smtp?.text ?? 'unknown recipient');
        item.status = spec.smtp?.enhancedStatus ?? (kind === 'soft' ? '4.0.0' : '5.0.0');
      }
      if (spec.description !== undefined) item.bounce_classification = spec.description;
      break;
    }
    case 'rejected':
      item.reason = spec.reason ?? 'Bounced Address';
      break;
    case 'opened':
    case 'clicked':
    case 'complained':
      if (spec.ip !== undefined) item.ip = spec.ip;
      if (spec.userAgent !== undefined) item.useragent = spec.userAgent;
      if (spec.type === 'clicked') item.url = spec.url ?? 'https://example.com/';
      break;
    case 'unsubscribed':
      if (spec.scope === 'list') item.event = 'group_unsubscribe';
      if (spec.ip !== undefined) item.ip = spec.ip;
      if (spec.userAgent !== undefined) item.useragent = spec.userAgent;
      break;
  }
  if (spec.metadata !== undefined) for (const [key, value] of Object.entries(spec.metadata)) item[key] ??= value;
  return item;
}

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** A P-256 private key as a JSON Web Key (written out here: the core's type library has no DOM `JsonWebKey`). */
export interface SigningJwk {
  /** Key type: `EC`. */
  kty: 'EC';
  /** Curve: `P-256`. */
  crv: 'P-256';
  /** The public point's x coordinate, base64url. */
  x: string;
  /** The public point's y coordinate, base64url. */
  y: string;
  /** The private scalar, base64url. */
  d: string;
}
type ImportedKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** Imports a signing key given as a base64 PKCS#8 private key or as a JWK (object or JSON text). */
async function importPrivateKey(key: string | SigningJwk): Promise<ImportedKey> {
  if (typeof key === 'object') return crypto.subtle.importKey('jwk', key, ECDSA_P256, false, ['sign']);
  const text = key.trim();
  if (text.startsWith('{')) return crypto.subtle.importKey('jwk', JSON.parse(text) as SigningJwk, ECDSA_P256, false, ['sign']);
  const der = decodeBase64(text);
  if (der === undefined) throw new TypeError('a SendGrid signing key is a base64 PKCS#8 P-256 private key or a JWK');
  return crypto.subtle.importKey('pkcs8', der, ECDSA_P256, false, ['sign']);
}

/**
 * Signs a body as SendGrid's Signed Event Webhook does.
 * @param body The exact body.
 * @param key The P-256 private key matching the public key configured in `signingKeys.sendgrid`: base64 PKCS#8
 *   or a JWK (SendGrid never reveals its own private key, so tests make a key pair).
 * @param options `timestamp`, default now.
 * @returns The signature and timestamp headers.
 */
export async function signSendgridBody(
  body: string,
  key: string | SigningJwk,
  options: { timestamp?: Date } = {},
): Promise<Record<string, string>> {
  const timestamp = String(Math.floor((options.timestamp ?? new Date()).getTime() / 1000));
  const payload = new TextEncoder().encode(timestamp + body);
  const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, await importPrivateKey(key), payload));
  return {
    [SENDGRID_SIGNATURE_HEADER]: encodeBase64(rawToDerSignature(raw)),
    [SENDGRID_TIMESTAMP_HEADER]: timestamp,
  };
}

/**
 * Writes SendGrid bodies: one JSON array of events ending in `\r\n`, as SendGrid posts them. Fields a spec leaves
 * out get plausible values (`recipient@example.com`, now, a random `sg_event_id`). `metadata` becomes custom args
 * (top-level keys); a soft `bounced` is written as a `blocked` bounce with a 4xx reply, an undetermined one as a
 * `blocked` bounce without a code. Fields SendGrid has no place for (`subject`, `sender`, `campaign`, `geo`,
 * `client`, `source`) throw a `TypeError`.
 */
export const sendgridTestKit: ProviderTestKit = {
  buildBody: (events) => ({ body: `${JSON.stringify(events.map(toItem))}\r\n`, contentType: 'application/json' }),
  signHeaders: (body, key, options) => signSendgridBody(body, key, options?.timestamp === undefined ? {} : { timestamp: options.timestamp }),
};

import type { EventSpec, ProviderTestKit } from '../provider.js';

const DEFAULT_RECIPIENT = 'recipient@example.com';
// Fields of our vocabulary a Mailgun event has no place for.
const UNWRITABLE_FIELDS = ['campaign', 'source', 'listId', 'scope'] as const;

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A 22-character event id in Mailgun's style. */
function randomEventId(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16)))).replace(/\+/g, '-').replace(/\//g, '_').slice(0, 22);
}

function deliveryStatus(spec: EventSpec): Record<string, unknown> {
  const smtp = 'smtp' in spec ? spec.smtp : undefined;
  const status: Record<string, unknown> = { 'attempt-no': 1, description: 'description' in spec && spec.description !== undefined ? spec.description : '' };
  if (smtp?.code !== undefined) status.code = smtp.code;
  if (smtp?.enhancedStatus !== undefined) status['enhanced-code'] = smtp.enhancedStatus;
  status.message = smtp?.text ?? '';
  return status;
}

/**
 * The `event-data` for a spec.
 * @throws {TypeError} For a spec Mailgun cannot express: `subscribed`, a bounce that is not hard (Mailgun's only
 *   bounce is a permanent failure), or a field it has no place for.
 */
function toEventData(spec: EventSpec): Record<string, unknown> {
  for (const field of UNWRITABLE_FIELDS) {
    if ((spec as Record<string, unknown>)[field] !== undefined) throw new TypeError(`a Mailgun event has no ${field}`);
  }
  const data: Record<string, unknown> = {
    id: spec.id ?? randomEventId(),
    timestamp: (spec.occurredAt ?? new Date()).getTime() / 1000,
    'log-level': 'info',
  };
  const headers: Record<string, unknown> = { 'message-id': spec.messageId ?? `${randomHex(8)}@example.org` };
  if (spec.subject !== undefined) headers.subject = spec.subject;
  data.message = { headers };
  if (spec.sender !== undefined) data.envelope = { sender: spec.sender };
  if (spec.tags !== undefined) data.tags = spec.tags;
  if (spec.metadata !== undefined) data['user-variables'] = spec.metadata;
  const recipient = spec.recipient ?? DEFAULT_RECIPIENT;
  switch (spec.type) {
    case 'queued':
      return { ...data, event: 'accepted', recipient };
    case 'delivered':
      return { ...data, event: 'delivered', recipient, 'delivery-status': deliveryStatus(spec) };
    case 'deferred':
      return { ...data, event: 'failed', severity: 'temporary', reason: spec.reason ?? 'generic', recipient, 'delivery-status': deliveryStatus(spec) };
    case 'bounced':
      if (spec.bounce !== 'hard') throw new TypeError('a Mailgun bounce is a permanent failure: write bounce "hard"');
      return { ...data, event: 'failed', severity: 'permanent', reason: spec.reason ?? 'bounce', recipient, 'delivery-status': deliveryStatus(spec) };
    case 'rejected':
      if (spec.reason?.startsWith('suppress-')) {
        return { ...data, event: 'failed', severity: 'permanent', reason: spec.reason, recipient, 'delivery-status': deliveryStatus(spec) };
      }
      return { ...data, event: 'rejected', recipient, reject: { reason: spec.reason ?? 'rejected', description: spec.description ?? '' } };
    case 'opened':
    case 'clicked':
    case 'unsubscribed':
    case 'complained': {
      const activity: Record<string, unknown> = { ...data, event: spec.type, recipient };
      if (spec.ip !== undefined) activity.ip = spec.ip;
      if (spec.geo !== undefined) activity.geolocation = { country: spec.geo.country, region: spec.geo.region, city: spec.geo.city };
      if (spec.client !== undefined || spec.userAgent !== undefined) {
        activity['client-info'] = {
          'client-name': spec.client?.name,
          'client-os': spec.client?.platform,
          'device-type': spec.client?.device,
          'user-agent': spec.userAgent,
        };
      }
      if (spec.type === 'clicked') activity.url = spec.url ?? 'https://example.com/';
      return activity;
    }
    case 'unknown':
      return spec.recipient === undefined ? { ...data, event: spec.providerEvent } : { ...data, event: spec.providerEvent, recipient };
    case 'subscribed':
      throw new TypeError('Mailgun sends no subscription events');
  }
}

async function hmacHex(key: string, text: string): Promise<string> {
  const encoder = new TextEncoder();
  const hmacKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, encoder.encode(text)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Signs a Mailgun body the way Mailgun does: its signature lives in the body, so this returns the body with a
 * fresh `signature` block (`timestamp`, a new random `token`, and the hex HMAC-SHA256 of `timestamp + token`).
 * Each call makes a new token, as Mailgun does for each request: a body signed once is accepted once.
 * @param body A Mailgun body, e.g. from `buildBody`.
 * @param key The HTTP webhook signing key.
 * @param options `timestamp` (default now) and `token` (default random, 50 hex digits).
 * @returns The signed body.
 */
export async function signMailgunBody(body: string, key: string, options: { timestamp?: Date; token?: string } = {}): Promise<string> {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  const timestamp = String(Math.floor((options.timestamp ?? new Date()).getTime() / 1000));
  const token = options.token ?? randomHex(25);
  parsed.signature = { timestamp, token, signature: await hmacHex(key, timestamp + token) };
  return JSON.stringify(parsed);
}

/**
 * Writes Mailgun bodies: one event a request, `{ signature, "event-data" }`. The signature block is unsigned
 * (an empty `signature`): Mailgun signs inside the body, not in headers, so there is no `signHeaders`: `signBody`
 * ({@link signMailgunBody}) writes the signature into the body. `queued` is written as `accepted`, `deferred` as a temporary `failed`, a hard
 * `bounced` as a permanent `failed`, `rejected` as `rejected` (or a `failed` suppression when its reason is
 * `suppress-*`). `subscribed`, soft or undetermined bounces and fields Mailgun has no place for throw a
 * `TypeError`.
 */
export const mailgunTestKit: ProviderTestKit = {
  buildBody(events) {
    if (events.length !== 1) throw new TypeError('Mailgun posts one event a request: give exactly one');
    const data = toEventData(events[0]!);
    const timestamp = String(Math.floor(Number(data.timestamp)));
    const body = { signature: { timestamp, token: randomHex(25), signature: '' }, 'event-data': data };
    return { body: JSON.stringify(body), contentType: 'application/json' };
  },
  signBody: (body, key, options) => signMailgunBody(body, key, options),
};

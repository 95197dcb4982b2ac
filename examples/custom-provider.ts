/**
 * Your own provider, decoded and received exactly like the built-in ones. "Acme Mail" stands for any ESP this
 * library does not ship: it posts `{ "events": [{ "kind", "address", "sent_at", "uid", ... }] }` and signs the raw
 * body with `X-Acme-Signature: sha256=<hex HMAC of the body>`.
 *
 *   npx tsx examples/custom-provider.ts
 */
// In your project: from 'email-webhooks' and 'email-webhooks/fetch'.
import { WebhookError, defineProvider, parseWebhook, type EmailEvent } from '../src/index.js';
import { fetchWebhook } from '../src/adapters/fetch.js';

const KINDS = { sent: 'delivered', bounce: 'bounced', open: 'opened' } as const;

interface AcmeItem {
  kind: keyof typeof KINDS;
  address: string;
  sent_at: string; // ISO 8601 with an offset
  uid: string;
}

function isAcmeBody(body: unknown): body is { events: unknown[] } {
  return (
    typeof body === 'object' && body !== null && Array.isArray((body as { events?: unknown }).events) &&
    (body as { acme_version?: unknown }).acme_version !== undefined
  );
}

function readItem(value: unknown): AcmeItem | undefined {
  const item = value as Partial<AcmeItem>;
  if (typeof value !== 'object' || value === null) return undefined;
  if (typeof item.kind !== 'string' || !Object.hasOwn(KINDS, item.kind)) return undefined;
  if (typeof item.address !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(item.address.trim())) return undefined;
  if (typeof item.sent_at !== 'string' || Number.isNaN(Date.parse(item.sent_at))) return undefined;
  if (typeof item.uid !== 'string' || item.uid === '') return undefined;
  return item as AcmeItem;
}

async function hmacHex(key: string, bytes: Uint8Array): Promise<string> {
  const encoder = new TextEncoder();
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, bytes));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Acme Mail: detection, item count, decoding and its signature, through the same interface as the built-ins. */
export const acmeMail = defineProvider({
  name: 'acme-mail',
  title: 'Acme Mail',
  detect: isAcmeBody,
  countItems: (body) => (isAcmeBody(body) ? body.events.length : 0),
  decode(body, context) {
    if (!isAcmeBody(body)) throw new WebhookError('invalid_payload', 'an Acme Mail body has an events array');
    body.events.forEach((value, index) => {
      const item = readItem(value);
      if (item === undefined) {
        // Every bad item becomes an issue with its position: nothing is dropped silently.
        context.reject({ path: ['events', index], message: 'not an Acme Mail event', input: value });
        return;
      }
      const [local, domain] = item.address.trim().split('@') as [string, string];
      const common = {
        provider: 'acme-mail',
        id: item.uid,
        recipient: `${local}@${domain.toLowerCase()}`,
        occurredAt: new Date(item.sent_at),
        raw: value as Record<string, unknown>,
      };
      const type = KINDS[item.kind];
      const event: EmailEvent = type === 'bounced' ? { ...common, type, bounce: 'undetermined' } : { ...common, type };
      context.events.push(event);
    });
  },
  signature: {
    isSigned: (request) => request.header('x-acme-signature') !== undefined,
    async verify(request, keys) {
      const sent = request.header('x-acme-signature') ?? '';
      for (const key of keys) if (sent === `sha256=${await hmacHex(key, request.body)}`) return;
      throw new WebhookError('invalid_signature', 'the Acme Mail signature does not match');
    },
  },
});

/** A Fetch handler for Acme Mail's URL: its signature is required, its events reach `onEvents` typed. */
export function createAcmeHandler(signingKey: string, onEvents: (events: EmailEvent[]) => void | Promise<void>) {
  return fetchWebhook({
    provider: acmeMail,
    providers: [acmeMail],
    signingKeys: { 'acme-mail': signingKey },
    secret: false,
    onEvents: ({ events }) => onEvents(events),
  });
}

/** The example's sample body. */
export const SAMPLE_BODY = JSON.stringify({
  acme_version: 2,
  events: [
    { kind: 'sent', address: 'Ann@Example.COM', sent_at: '2026-03-01T09:30:00+08:00', uid: 'ev_1' },
    { kind: 'bounce', address: 'bob@example.com', sent_at: '2026-03-01T09:31:00+08:00', uid: 'ev_2' },
    { kind: 'teleport', address: 'cy@example.com', sent_at: '2026-03-01T09:32:00+08:00', uid: 'ev_3' },
  ],
});

/** Signs a body as Acme Mail would. */
export async function signAcme(body: string, key: string): Promise<string> {
  return `sha256=${await hmacHex(key, new TextEncoder().encode(body))}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { events, issues } = parseWebhook(SAMPLE_BODY, { provider: acmeMail });
  for (const event of events) console.log(event.type, event.recipient, event.occurredAt?.toISOString(), event.id);
  for (const issue of issues) console.log('issue at', issue.path.join('.'), issue.message);
}

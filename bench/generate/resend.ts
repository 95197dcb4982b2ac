import { createRandom, sampleAddress, type Random } from './random.js';

/** One generated Resend request: the body and the headers that carry its event id. */
export interface ResendRequest {
  /** The compact JSON body, as Resend posts it. */
  body: string;
  /** `svix-id` (the event id) and `svix-timestamp`; the bench does not sign, so no `svix-signature`. */
  headers: Record<string, string>;
}

/** Generated Resend requests: Resend posts one event a request. */
export interface ResendRequests {
  requests: ResendRequest[];
  /** How many events in all (one a request). */
  items: number;
}

// Sent and delivered dominate, then engagement; every email event appears, plus contact events (`unknown`).
const WEIGHTS = {
  'email.sent': 250,
  'email.delivered': 250,
  'email.opened': 200,
  'email.clicked': 120,
  'email.delivery_delayed': 30,
  'email.bounced': 50,
  'email.complained': 10,
  'email.failed': 15,
  'email.suppressed': 15,
  'email.scheduled': 20,
  'contact.created': 20,
  'contact.updated': 20,
} as const;

const SUBJECTS = ['Confirm your email', 'Your receipt #{n}', 'Reset your password', 'Weekly digest'];
const BOUNCES = [
  { message: "The recipient's email provider sent a hard bounce message, and there's nothing else we can do.", subType: 'General', type: 'Permanent' },
  { message: "The recipient's email address is on the suppression list because it has a recent history of producing hard bounces.", subType: 'Suppressed', type: 'Permanent' },
  { message: "The recipient's email provider sent a bounce message because the recipient's inbox was full.", subType: 'MailboxFull', type: 'Transient' },
];
const AGENT = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Safari/605.1.15';

// 2024-11-22 23:00 UTC; a run covers the next hour.
const START = Date.UTC(2024, 10, 22, 23);

function uuid(random: Random): string {
  const hex = (length: number) => Array.from({ length }, () => random.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

function kindData(type: string, random: Random, at: string): Record<string, unknown> {
  switch (type) {
    case 'email.bounced':
      return { bounce: random.pick(BOUNCES) };
    case 'email.clicked':
      return { click: { ipAddress: `203.0.113.${random.int(1, 254)}`, link: 'https://resend.com', timestamp: at, userAgent: AGENT } };
    case 'email.failed':
      return { failed: { reason: 'reached_daily_quota' } };
    case 'email.suppressed':
      return { suppressed: { message: 'Resend has suppressed sending to this address.', type: 'OnAccountSuppressionList' } };
    default:
      return {};
  }
}

/**
 * Generates `count` Resend webhook requests, one event each, of every email event type and some contact events:
 * ISO times with milliseconds, tags objects, the event id in the `svix-id` header.
 * @param count How many requests.
 * @param seed The random seed; the same seed gives the same requests.
 */
export function generateResendRequests(count: number, seed = 56761188): ResendRequests {
  const random = createRandom(seed);
  const requests: ResendRequest[] = [];
  for (let i = 0; i < count; i++) {
    const type = random.weighted(WEIGHTS);
    const instant = START + random.int(0, 3_600_000);
    const at = new Date(instant).toISOString();
    const data = type.startsWith('contact.')
      ? { id: uuid(random), audience_id: uuid(random), created_at: at, updated_at: at, email: sampleAddress(random), first_name: 'Sam', last_name: null, unsubscribed: type === 'contact.updated' }
      : {
          broadcast_id: random.next() < 0.3 ? uuid(random) : undefined,
          created_at: `${at.slice(0, -1)}${String(random.int(0, 999)).padStart(3, '0')}+00:00`,
          email_id: uuid(random),
          from: 'Acme <onboarding@resend.dev>',
          to: [sampleAddress(random)],
          subject: random.pick(SUBJECTS).replace('{n}', String(random.int(1000, 99999))),
          ...kindData(type, random, at),
          tags: random.next() < 0.6 ? { category: random.pick(['confirm_email', 'receipt', 'digest']) } : undefined,
        };
    requests.push({
      body: JSON.stringify({ type, created_at: at, data }),
      headers: { 'svix-id': `msg_${uuid(random).replaceAll('-', '').slice(0, 27)}`, 'svix-timestamp': String(Math.floor(instant / 1000) + 1) },
    });
  }
  return { requests, items: requests.length };
}

import { createRandom, sampleAddress, type Random } from './random.js';

/** Generated Mailgun requests: Mailgun posts one event a request. */
export interface MailgunRequests {
  /** The JSON text of each request, compact, as Mailgun posts it. */
  bodies: string[];
  /** How many requests (one item each). */
  items: number;
}

// Deliveries and engagement dominate; every documented event and failure variant appears, plus an event this
// library does not know (an `unknown` event).
const WEIGHTS = {
  accepted: 200,
  delivered: 300,
  failed_permanent: 30,
  failed_temporary: 30,
  failed_suppress: 15,
  rejected: 5,
  opened: 250,
  clicked: 120,
  unsubscribed: 25,
  complained: 10,
  list_member_uploaded: 5,
} as const;

const TAGS = ['welcome', 'receipt', 'newsletter', 'password-reset', 'promo'];
const CLIENTS = [
  { 'client-type': 'browser', 'client-os': 'OS X', 'device-type': 'desktop', 'client-name': 'Chrome', 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/124.0' },
  { 'client-type': 'mobile browser', 'client-os': 'iOS', 'device-type': 'mobile', 'client-name': 'Mobile Safari', 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15' },
  { 'client-type': 'email client', 'client-os': 'Windows', 'device-type': 'desktop', 'client-name': 'Outlook 2016', 'user-agent': 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.5422)' },
];
const PLACES = [
  { country: 'US', region: 'CA', city: 'San Francisco' },
  { country: 'DE', region: 'BE', city: 'Berlin' },
  { country: 'Unknown', region: 'Unknown', city: 'Unknown' },
];

// 2024-05-30 09:00 UTC, as unix seconds; the requests cover the next hour.
const START_SECONDS = 1717059600;

function hex(random: Random, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += '0123456789abcdef'[random.int(0, 15)];
  return text;
}

/**
 * Generates `count` Mailgun webhook requests, one event each, of every documented kind: float timestamps with
 * microseconds, `failed` with `permanent`, `temporary` and `suppress-*`, a `rejected` without a recipient,
 * engagement with client info and geolocation, tags and user variables. The signature blocks carry random
 * tokens and signatures (benchmarks decode; they do not verify).
 * @param count How many requests.
 * @param seed The random seed; the same seed gives the same bodies.
 */
export function generateMailgunRequests(count: number, seed = 1717059600): MailgunRequests {
  const random = createRandom(seed);
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random.weighted(WEIGHTS);
    const seconds = START_SECONDS + random.int(0, 3600);
    const recipient = sampleAddress(random);
    const messageId = `20240530${random.int(100000, 999999)}.1.${hex(random, 16).toUpperCase()}@mg.example.org`;
    const data: Record<string, unknown> = {
      id: random.alphanumeric(22),
      timestamp: seconds + random.int(0, 999_999) / 1e6,
      'log-level': 'info',
      recipient,
      'recipient-domain': recipient.slice(recipient.indexOf('@') + 1),
      tags: random.next() < 0.5 ? [random.pick(TAGS)] : [],
      'user-variables': random.next() < 0.4 ? { user_id: String(random.int(1, 1_000_000)), plan: random.pick(['free', 'pro']) } : {},
      message: { headers: { to: recipient, 'message-id': messageId, from: 'Shop <shop@mg.example.org>', subject: 'Your order has shipped' }, attachments: [], size: random.int(800, 40_000) },
      envelope: { sender: 'bounce@mg.example.org', transport: 'smtp', targets: recipient },
    };
    switch (kind) {
      case 'accepted':
        Object.assign(data, { event: 'accepted', method: 'http' });
        break;
      case 'delivered':
        Object.assign(data, { event: 'delivered', 'delivery-status': { tls: true, 'mx-host': 'mx.example.com', 'attempt-no': 1, description: '', code: 250, message: 'OK', 'session-seconds': 1.2 } });
        break;
      case 'failed_permanent':
        Object.assign(data, {
          event: 'failed', severity: 'permanent', reason: 'bounce', 'log-level': 'error',
          'delivery-status': { 'attempt-no': 1, description: '', code: 550, message: '5.1.1 The email account that you tried to reach does not exist.' },
        });
        break;
      case 'failed_temporary':
        Object.assign(data, {
          event: 'failed', severity: 'temporary', reason: 'generic', 'log-level': 'warn',
          'delivery-status': { 'attempt-no': random.int(1, 5), description: 'Recipient address rejected: Greylisted', code: 450, message: 'Recipient address rejected: Greylisted', 'retry-seconds': 600 },
        });
        break;
      case 'failed_suppress':
        Object.assign(data, {
          event: 'failed', severity: 'permanent', reason: 'suppress-bounce', 'log-level': 'error',
          'delivery-status': { 'attempt-no': 1, description: 'Not delivering to previously bounced address', code: 605, message: '' },
        });
        break;
      case 'rejected':
        delete data.recipient;
        Object.assign(data, { event: 'rejected', 'log-level': 'warn', reject: { reason: 'Sandbox subdomains are for test purposes only.', description: '' } });
        break;
      case 'opened':
      case 'clicked':
      case 'unsubscribed':
      case 'complained':
        Object.assign(data, { event: kind, ip: `203.0.113.${random.int(1, 254)}`, geolocation: random.pick(PLACES), 'client-info': random.pick(CLIENTS) });
        if (kind === 'clicked') data.url = `https://shop.example/p/${random.int(1, 500)}?utm_source=mailgun`;
        break;
      case 'list_member_uploaded':
        Object.assign(data, { event: kind });
        break;
    }
    const signature = { timestamp: String(seconds), token: hex(random, 50), signature: hex(random, 64) };
    bodies.push(JSON.stringify({ signature, 'event-data': data }));
  }
  return { bodies, items: bodies.length };
}

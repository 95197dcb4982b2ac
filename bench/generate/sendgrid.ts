import { createRandom, sampleAddress, type Random } from './random.js';

/** A generated SendGrid body. */
export interface SendgridBatch {
  /** The JSON text: a compact array ending in `\r\n`, as SendGrid posts it. */
  body: string;
  /** How many items the array holds. */
  items: number;
}

// Delivery events dominate, engagement follows; every documented event appears, plus an account event this
// library does not know (an `unknown` event).
const WEIGHTS = {
  processed: 250,
  delivered: 250,
  deferred: 30,
  bounce: 25,
  blocked: 15,
  dropped: 15,
  open: 230,
  click: 120,
  spamreport: 10,
  unsubscribe: 20,
  group_unsubscribe: 15,
  group_resubscribe: 5,
  account_status_change: 5,
} as const;

const CATEGORIES = ['welcome', 'receipt', 'newsletter', 'password-reset', 'promo'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
];
type Reply = readonly [reason: string, status: string, classification: string];
const BOUNCES: readonly Reply[] = [
  ['550 5.1.1 The email account that you tried to reach does not exist.', '5.1.1', 'Invalid Address'],
  ['552 5.2.2 The email account that you tried to reach is over quota.', '5.2.2', 'Mailbox Unavailable'],
];
const BLOCKS: readonly Reply[] = [
  ['421 4.7.0 [TSS04] Messages temporarily deferred due to user complaints', '4.7.0', 'Reputation'],
  ['554 5.7.1 Message rejected because of unacceptable content', '5.7.1', 'Content'],
];
const DROP_REASONS = ['Bounced Address', 'Unsubscribed Address', 'Spam Reporting Address', 'Invalid'];

// 2024-05-30 09:00 UTC, as unix seconds; a batch covers the next hour.
const START_SECONDS = 1717059600;

function address(random: Random): string {
  const text = sampleAddress(random);
  // A few recipients come with a capitalised domain, as users typed them.
  return random.next() < 0.03 ? text.replace(/@(.*)$/, (_, domain: string) => `@${domain.toUpperCase()}`) : text;
}

function eventId(random: Random): string {
  return random.alphanumeric(22);
}

/**
 * Generates a SendGrid Event Webhook batch of `count` events of every documented kind: string and list
 * categories, custom args (strings and a number), `asm_group_id`s, SMTP replies with enhanced status codes,
 * `blocked` bounces with 4xx and 5xx codes, and an `account_status_change` without a recipient.
 * @param count How many events.
 * @param seed The random seed; the same seed gives the same body.
 */
export function generateSendgridBatch(count: number, seed = 1717059600): SendgridBatch {
  const random = createRandom(seed);
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random.weighted(WEIGHTS);
    const timestamp = START_SECONDS + random.int(0, 3600);
    if (kind === 'account_status_change') {
      items.push({ event: kind, sg_event_id: eventId(random), timestamp, type: 'compliance_suspend' });
      continue;
    }
    const messageId = `${random.alphanumeric(22)}.filter0${random.int(100, 999)}p1mdw1.${random.int(1000, 99999)}.5E1B2C3D4.0`;
    const item: Record<string, unknown> = {
      email: address(random),
      timestamp,
      'smtp-id': `<${messageId.slice(0, 22)}@ismtpd0006p1sjc2.sendgrid.net>`,
      event: kind === 'blocked' ? 'bounce' : kind,
      category: random.next() < 0.5 ? random.pick(CATEGORIES) : [random.pick(CATEGORIES), random.pick(CATEGORIES)],
      sg_event_id: eventId(random),
      sg_message_id: messageId,
    };
    if (random.next() < 0.4) {
      item.user_id = String(random.int(1, 1_000_000));
      item.plan = random.pick(['free', 'pro', 'team']);
    }
    if (random.next() < 0.1) item.order_total = random.int(5, 500);
    switch (kind) {
      case 'delivered':
        Object.assign(item, { ip: '167.89.17.173', tls: 1, response: `250 2.0.0 OK ${timestamp} m143si2210036ioe.159 - gsmtp` });
        break;
      case 'deferred':
        Object.assign(item, { ip: '167.89.17.173', response: '451 4.7.1 Greylisting in action, please come back later', attempt: String(random.int(1, 10)) });
        break;
      case 'bounce':
      case 'blocked': {
        const [reason, status, classification] = random.pick(kind === 'bounce' ? BOUNCES : BLOCKS);
        Object.assign(item, { type: kind, reason, status, bounce_classification: classification, ip: '167.89.17.173', tls: 1 });
        break;
      }
      case 'dropped':
        item.reason = random.pick(DROP_REASONS);
        break;
      case 'open':
        Object.assign(item, { useragent: random.pick(AGENTS), ip: `203.0.113.${random.int(1, 254)}`, sg_machine_open: random.next() < 0.2 });
        break;
      case 'click':
        Object.assign(item, {
          useragent: random.pick(AGENTS),
          ip: `198.51.100.${random.int(1, 254)}`,
          url: `https://shop.example/p/${random.int(1, 500)}?utm_source=sendgrid`,
          url_offset: { index: random.int(0, 5), type: 'html' },
        });
        break;
      case 'group_unsubscribe':
      case 'group_resubscribe':
        Object.assign(item, { asm_group_id: random.int(10, 14), useragent: random.pick(AGENTS), ip: `203.0.113.${random.int(1, 254)}` });
        break;
    }
    items.push(item);
  }
  return { body: `${JSON.stringify(items)}\r\n`, items: items.length };
}

import { createRandom, type Random } from './random.js';

/** A generated SendPulse body. */
export interface SendpulseBatch {
  /** The JSON text: a compact array, as a machine posts it. */
  body: string;
  /** How many items the array holds. */
  items: number;
}

// SMTP service: delivery receipts dominate; every kind of the older and the newer reference appears, plus a
// kind this library does not know (`deferred`, an `unknown` event).
const SMTP_WEIGHTS = {
  delivered: 550,
  undelivered: 60,
  opened: 200,
  clicked: 80,
  unsubscribed: 20,
  spam_by_user: 10,
  resubscribed: 10,
  hard_bounces: 30,
  soft_bounces: 30,
  deferred: 10,
} as const;

// Bulk-campaign ("Email service") dialect: every event its page and the contract name.
const CAMPAIGN_WEIGHTS = {
  delivered: 500,
  open: 220,
  redirect: 100,
  spam: 10,
  unsubscribe: 30,
  soft_bounces: 40,
  hard_bounces: 40,
  new_emails: 30,
  delete: 20,
  task_status_update: 10,
} as const;

const NAMES = ['anna', 'boris', 'viktor', 'galina', 'dmitry', 'elena', 'john.doe', 'jane.roe', 'olga', 'ivan'];
const DOMAINS = ['example.com', 'example.ru', 'example.org', 'mail.example.net', 'yandex.example', 'gmail.com'];
const SENDERS = ['news@shop.example', 'john.doe@sendpulse.com', 'noreply@store.example'];
const SUBJECTS = ['Ваш заказ №{n} отправлен', 'Your order #{n} has shipped', 'Скидка 30% только до воскресенья', 'Подтвердите подписку'];
const DELIVERED_REPLIES = ['250 2.0.0 Ok: queued as 4VqP3m1xYz', '250 OK id=1sCk9Q-0004Zt-2B', '250 Message accepted'];
const BOUNCE_REPLIES = [
  ['550', '5.1.1', '550 5.1.1 <user@example.org>: Recipient address rejected: User unknown in virtual mailbox table'],
  ['554', '5.7.1', '554 5.7.1 Message rejected as spam by content filter'],
  ['451', '4.7.1', '451 4.7.1 Greylisting in action, please come back later'],
  ['452', '4.2.2', '452 4.2.2 The email account that you tried to reach is over quota'],
] as const;
const DEVICES = [
  { open_device: 'Desktop', open_platform: 'Windows', browser_name: 'Firefox', browser_ver: '125.0' },
  { open_device: 'Mobile', open_platform: 'Android', browser_name: 'Chrome', browser_ver: '124.0.6367.179' },
  { open_device: 'Mobile', open_platform: 'iOS', browser_name: 'Safari', browser_ver: '17.4' },
];
const LINKS = ['https://shop.example/sale?utm_source=sendpulse', 'https://shop.example/orders/5521', 'https://shop.example/unsubscribe'];

// 2024-05-30 09:00 UTC, as unix seconds; a batch covers the next hour.
const START_SECONDS = 1717059600;

function address(random: Random): string {
  const text = `${random.pick(NAMES)}${random.int(1, 9999)}@${random.pick(DOMAINS)}`;
  // As in the SMTP reference's own samples, a few recipients come padded or with a capitalised domain.
  const roll = random.next();
  if (roll < 0.03) return `  ${text} `;
  if (roll < 0.05) return text.replace(/@(.*)$/, (_, domain: string) => `@${domain.toUpperCase()}`);
  return text;
}

function subject(random: Random): string {
  return random.pick(SUBJECTS).replace('{n}', String(random.int(1000, 99999)));
}

/**
 * Generates a SendPulse SMTP-service batch of `count` events of every kind: numeric unix timestamps, numeric (and
 * sometimes string) `message_id`s, SMTP codes as strings or numbers, and bounce events that carry `email` and
 * `task_id` in place of `recipient` and `message_id`.
 * @param count How many events.
 * @param seed The random seed; the same seed gives the same body.
 */
export function generateSendpulseSmtpBatch(count: number, seed = 1717059600): SendpulseBatch {
  const random = createRandom(seed);
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const event = random.weighted(SMTP_WEIGHTS);
    const timestamp = START_SECONDS + random.int(0, 3600);
    const messageId = 1149320000 + random.int(0, 99999);
    const common = { sender: random.pick(SENDERS), subject: subject(random) };
    if (event === 'hard_bounces' || event === 'soft_bounces') {
      const [code, subcode, reply] = random.pick(BOUNCE_REPLIES);
      items.push({
        event,
        timestamp,
        task_id: random.next() < 0.5 ? 91234567 : '91234567',
        email: address(random),
        ...common,
        smtp_server_response_code: random.next() < 0.3 ? Number(code) : code,
        smtp_server_response_subcode: subcode,
        smtp_server_response: reply,
      });
    } else if (event === 'delivered' || event === 'undelivered') {
      const [code, subcode, reply] =
        event === 'delivered' ? (['250', random.next() < 0.5 ? '2.0.0' : '', random.pick(DELIVERED_REPLIES)] as const) : random.pick(BOUNCE_REPLIES);
      items.push({
        smtp_server_response_code: random.next() < 0.2 ? Number(code) : code,
        smtp_server_response_subcode: subcode,
        sender: common.sender,
        smtp_server_response: reply,
        timestamp,
        message_id: random.next() < 0.1 ? String(messageId) : messageId,
        recipient: address(random),
        event,
        subject: common.subject,
      });
    } else if (event === 'unsubscribed') {
      // As in the reference's example: no timestamp and no message id.
      items.push({ event, recipient: address(random), ...common });
    } else {
      items.push({ event, timestamp, message_id: messageId, recipient: address(random), ...common });
    }
  }
  return { body: JSON.stringify(items), items: items.length };
}

/**
 * Generates a SendPulse bulk-campaign ("Email service") batch of `count` events of every kind: string unix
 * timestamps, `email`, string `task_id`s, `open`/`redirect` with device fields, `unsubscribe` with a `null`
 * reason, `new_emails` with variables, and `task_status_update` without a recipient.
 * @param count How many events.
 * @param seed The random seed; the same seed gives the same body.
 */
export function generateSendpulseCampaignBatch(count: number, seed = 3668141): SendpulseBatch {
  const random = createRandom(seed);
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const event = random.weighted(CAMPAIGN_WEIGHTS);
    const timestamp = String(START_SECONDS + random.int(0, 3600));
    const taskId = String(3668141 + random.int(0, 20));
    const bookId = String(490686 + random.int(0, 5));
    switch (event) {
      case 'open':
        items.push({ task_id: taskId, timestamp, ...random.pick(DEVICES), email: address(random), event });
        break;
      case 'redirect':
        items.push({
          link_url: random.pick(LINKS),
          task_id: taskId,
          timestamp,
          ...random.pick(DEVICES),
          link_id: String(71741390 + random.int(0, 50)),
          email: address(random),
          event,
        });
        break;
      case 'unsubscribe':
        items.push({ task_id: taskId, timestamp, from_all: '1', email: address(random), reason: null, book_id: bookId, event, categories: '' });
        break;
      case 'new_emails':
        items.push({
          timestamp,
          event,
          email: address(random),
          book_id: bookId,
          source: 'address book',
          variables: [{ name: 'Name', value: random.pick(['Olga', 'Ivan', 'Anna']) }],
        });
        break;
      case 'delete':
        items.push({ timestamp, event, email: address(random), book_id: bookId });
        break;
      case 'task_status_update':
        items.push({ timestamp, event, task_id: taskId, book_id: bookId, status: 'sending', status_explain: 'Sending' });
        break;
      default:
        items.push({ timestamp, event, task_id: taskId, email: address(random) });
    }
  }
  return { body: JSON.stringify(items), items: items.length };
}

import * as v from 'valibot';
import { parseWebhook } from '../src/index.js';
import type { Batch } from './batches.js';

/** One way of turning a body into something usable, timed against the others. */
export interface Contender {
  /** Short key, used in results.json. */
  key: ContenderKey;
  /** What the table prints. */
  label: string;
  /**
   * Decodes the body.
   * @param body The webhook body as received.
   * @returns Something holding the decoded data, so the work cannot be optimized away.
   */
  run(body: string): unknown;
}

/** The contenders of every batch. */
export type ContenderKey = 'jsonParse' | 'parseWebhook' | 'handMap' | 'valibot';

// ---------------------------------------------------------------------------------------------------------------
// What a user would write without this library: JSON.parse, then a map to event-like objects. It is lossy on
// purpose (big Lingdong ids are rounded by JSON.parse, no checks): it is the cost floor of "doing it by hand".

type Json = Record<string, any>;

const LINGDONG_ACTIVITY: Record<string, string> = {
  opens: 'opened',
  clicks: 'clicked',
  unsubscriptions: 'unsubscribed',
  complaints: 'complained',
  subscriptions: 'subscribed',
};

function lingdongTime(text: string | undefined): Date | undefined {
  return text ? new Date(`${text.replace(' ', 'T')}+08:00`) : undefined;
}

function handMapLingdong(body: string): unknown[] {
  const data: Json = JSON.parse(body);
  const events: unknown[] = [];
  for (const group of Object.keys(data)) {
    for (const item of data[group] as Json[]) {
      const base = {
        id: String(item.id),
        recipient: String(item.email).trim().toLowerCase(),
        campaign: item.campaign,
        subject: item.subject,
        raw: item,
      };
      if (group === 'delivered') {
        const type = item.status === 'success' ? 'delivered' : item.status.startsWith('bounce:') ? 'bounced' : 'unknown';
        const occurredAt = item.updatedAt ? new Date(item.updatedAt) : lingdongTime(item.updated ?? item.createdAt);
        events.push({ type, ...base, occurredAt, messageId: String(item.mid ?? item.messageId), dsn: item.dsn });
      } else {
        const [country, region, city] = typeof item.location === 'string' ? item.location.split('/') : [];
        events.push({
          type: LINGDONG_ACTIVITY[group] ?? 'unknown',
          ...base,
          occurredAt: lingdongTime(item.createdAt),
          ip: item.ip,
          url: item.url,
          geo: { country, region, city, latitude: item.latitude, longitude: item.longitude },
          client: { name: item.client, platform: item.platform, device: item.device },
        });
      }
    }
  }
  return events;
}

const SENDPULSE_TYPES: Record<string, string> = {
  delivered: 'delivered',
  undelivered: 'bounced',
  hard_bounces: 'bounced',
  soft_bounces: 'bounced',
  opened: 'opened',
  open: 'opened',
  clicked: 'clicked',
  redirect: 'clicked',
  unsubscribed: 'unsubscribed',
  unsubscribe: 'unsubscribed',
  spam_by_user: 'complained',
  spam: 'complained',
  resubscribed: 'subscribed',
  new_emails: 'subscribed',
};

function handMapSendpulse(body: string): unknown[] {
  const items: Json[] = JSON.parse(body);
  return items.map((item) => {
    const recipient = item.recipient ?? item.email;
    return {
      type: SENDPULSE_TYPES[item.event] ?? 'unknown',
      // SendPulse sends no event id: users key on what identifies the event.
      id: `${item.event}:${item.message_id ?? item.task_id}:${item.timestamp}:${recipient}`,
      recipient: typeof recipient === 'string' ? recipient.trim().toLowerCase() : undefined,
      occurredAt: item.timestamp === undefined ? undefined : new Date(Number(item.timestamp) * 1000),
      messageId: item.message_id === undefined ? undefined : String(item.message_id),
      campaign: item.task_id === undefined ? undefined : String(item.task_id),
      smtpCode: item.smtp_server_response_code === undefined ? undefined : Number(item.smtp_server_response_code),
      url: item.link_url,
      raw: item,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// What a careful user would write: JSON.parse, then a valibot schema of the raw items (validation only, no
// mapping), in valibot's everyday style.

const optionalText = v.optional(v.nullable(v.string()));
const address = v.pipe(v.string(), v.trim(), v.email());
const textOrNumber = v.optional(v.union([v.string(), v.number()]));

const lingdongCommon = {
  id: v.number(),
  campaign: optionalText,
  subject: optionalText,
  uid: optionalText,
  email: address,
  createdAt: v.string(),
};
const lingdongActivityItem = v.object({
  ...lingdongCommon,
  ip: optionalText,
  location: optionalText,
  longitude: v.optional(v.number()),
  latitude: v.optional(v.number()),
  device: optionalText,
  platform: optionalText,
  client: optionalText,
  url: optionalText,
  source: v.optional(v.picklist(['esp', 'isp'])),
  content: optionalText,
});
const lingdongDeliveryItem = v.object({
  ...lingdongCommon,
  status: v.string(),
  dsn: optionalText,
  updated: optionalText,
  updatedAt: v.optional(v.number()),
  scheduleId: v.optional(v.number()),
  messageId: v.optional(v.number()),
  mid: v.optional(v.number()),
  contactId: v.optional(v.number()),
});
const lingdongBodySchema = v.object({
  delivered: v.optional(v.array(lingdongDeliveryItem)),
  receipts: v.optional(v.array(lingdongDeliveryItem)),
  opens: v.optional(v.array(lingdongActivityItem)),
  clicks: v.optional(v.array(lingdongActivityItem)),
  unsubscriptions: v.optional(v.array(lingdongActivityItem)),
  complaints: v.optional(v.array(lingdongActivityItem)),
  subscriptions: v.optional(v.array(lingdongActivityItem)),
  replies: v.optional(v.array(lingdongActivityItem)),
  changeProfiles: v.optional(v.array(lingdongActivityItem)),
});

const sendpulseBodySchema = v.array(
  v.looseObject({
    event: v.string(),
    timestamp: textOrNumber,
    recipient: v.optional(address),
    email: v.optional(address),
    message_id: textOrNumber,
    task_id: textOrNumber,
    sender: optionalText,
    subject: optionalText,
    smtp_server_response_code: textOrNumber,
    smtp_server_response_subcode: optionalText,
    smtp_server_response: optionalText,
    link_url: optionalText,
    open_device: optionalText,
    open_platform: optionalText,
    browser_name: optionalText,
    reason: optionalText,
    book_id: optionalText,
  }),
);

/**
 * The four contenders for a batch: the floor (`JSON.parse`), this library, and what a user would otherwise write.
 * @param batch The batch they will decode (its provider picks the hand-written map and the schema).
 */
export function contendersFor(batch: Batch): Contender[] {
  const lingdong = batch.provider === 'lingdong';
  const handMap = lingdong ? handMapLingdong : handMapSendpulse;
  const schema: v.GenericSchema = lingdong ? lingdongBodySchema : sendpulseBodySchema;
  return [
    { key: 'jsonParse', label: 'JSON.parse', run: (body) => JSON.parse(body) },
    { key: 'parseWebhook', label: 'parseWebhook', run: (body) => parseWebhook(body) },
    { key: 'handMap', label: 'JSON.parse + hand map', run: handMap },
    { key: 'valibot', label: 'JSON.parse + valibot', run: (body) => v.parse(schema, JSON.parse(body)) },
  ];
}

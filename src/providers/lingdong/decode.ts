import type { BounceKind, EmailEvent } from '../../events.js';
import { WebhookError } from '../../errors.js';
import { toEmailClient } from '../../normalize/client.js';
import { deriveEventId } from '../../normalize/derive-id.js';
import { normalizeEmail } from '../../normalize/email.js';
import { readCoordinate, toGeoLocation } from '../../normalize/geo.js';
import { parseSmtpDiagnostic } from '../../normalize/smtp.js';
import { isTextOrAbsent, readIntegerId, readText } from '../../normalize/text.js';
import { type EventDraft, finishEvent, setField, startEvent } from '../event-fields.js';
import { explainBadItem } from '../item-issue.js';
import type { DecodeContext, ProviderDecoder } from '../provider.js';
import { readLingdongTime } from './read-time.js';
import { lingdongActivitySchema, lingdongDeliverySchema, lingdongUnknownItemSchema } from './schema.js';

type ActivityType = 'opened' | 'clicked' | 'unsubscribed' | 'complained' | 'subscribed';

const ACTIVITY_GROUPS: Readonly<Record<string, ActivityType>> = {
  opens: 'opened',
  clicks: 'clicked',
  unsubscriptions: 'unsubscribed',
  complaints: 'complained',
  subscriptions: 'subscribed',
};

// `delivered` is being renamed `receipts`; both carry delivery records.
const DELIVERY_GROUPS = new Set(['delivered', 'receipts']);
// Announced by Lingdong but not live: recognised for detection, decoded as `unknown` events.
const ANNOUNCED_GROUPS = new Set(['replies', 'changeProfiles']);

const BOUNCE_KINDS: Readonly<Record<string, BounceKind>> = {
  'bounce:hard': 'hard',
  'bounce:bad-mailbox': 'hard',
  'bounce:soft': 'soft',
};

type Item = Record<string, unknown>;

function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKnownGroup(key: string): boolean {
  return key in ACTIVITY_GROUPS || DELIVERY_GROUPS.has(key) || ANNOUNCED_GROUPS.has(key);
}

/**
 * Reads an optional time field; `false` when present but unreadable (the item is then an issue).
 */
function readOptionalTime(value: unknown, timeZone: string): number | undefined | false {
  if (value === undefined || value === null || value === '') return undefined;
  const instant = readLingdongTime(value, timeZone);
  return instant === undefined ? false : instant;
}

/** The id Lingdong sent, or one derived from the item; `null` when the sent id is not an integer. */
function eventId(item: Item, group: string): string | null {
  const id = readIntegerId(item.id);
  if (id !== undefined) return id;
  return deriveEventId([
    'lingdong',
    group,
    item.email,
    item.createdAt,
    item.updated,
    item.updatedAt,
    item.status,
    item.url,
    item.mid,
    item.messageId,
    item.campaign,
  ]);
}

/** Whether the text fields every Lingdong item may carry are text. */
function hasTextCommonFields(item: Item): boolean {
  return (
    isTextOrAbsent(item.campaign) && isTextOrAbsent(item.subject) &&
    isTextOrAbsent(item.mid) && isTextOrAbsent(item.messageId)
  );
}

/** Starts an event with the fields every Lingdong event shares. */
function startLingdongEvent(
  type: EmailEvent['type'],
  id: string,
  recipient: string | undefined,
  item: Item,
  instant: number | undefined,
): EventDraft {
  const event = startEvent(type, 'lingdong', id, recipient, instant);
  // The message id is `mid` when present, else `messageId`.
  setField(event, 'messageId', readText(item.mid) ?? readText(item.messageId));
  setField(event, 'campaign', readText(item.campaign));
  setField(event, 'subject', readText(item.subject));
  return event;
}

function decodeActivity(item: unknown, group: string, type: ActivityType, timeZone: string): EmailEvent | undefined {
  if (!isItem(item)) return undefined;
  const recipient = normalizeEmail(item.email);
  if (recipient === undefined) return undefined;
  const created = readOptionalTime(item.createdAt, timeZone);
  if (created === false) return undefined;
  const latitude = readCoordinate(item.latitude, 90);
  const longitude = readCoordinate(item.longitude, 180);
  if (latitude === null || longitude === null) return undefined;
  const { ip, location, client, platform, device, url, source, content } = item;
  if (
    !isTextOrAbsent(ip) || !isTextOrAbsent(location) || !isTextOrAbsent(client) || !isTextOrAbsent(platform) ||
    !isTextOrAbsent(device) || !isTextOrAbsent(url) || !isTextOrAbsent(source) || !isTextOrAbsent(content) ||
    !hasTextCommonFields(item)
  ) {
    return undefined;
  }
  const id = eventId(item, group);
  if (id === null) return undefined;
  const event = startLingdongEvent(type, id, recipient, item, created);
  if (type !== 'subscribed') {
    setField(event, 'ip', readText(ip));
    setField(event, 'geo', toGeoLocation(location, latitude, longitude));
    setField(event, 'client', toEmailClient(client, platform, device));
  }
  if (type === 'clicked') setField(event, 'url', readText(url));
  if (type === 'unsubscribed' || type === 'complained') setField(event, 'reason', readText(content));
  if (type === 'unsubscribed' || type === 'complained' || type === 'subscribed') {
    setField(event, 'source', readText(source));
  }
  return finishEvent(event, item);
}

function decodeDelivery(item: Item, group: string, status: string, timeZone: string): EmailEvent | undefined {
  const bounce = BOUNCE_KINDS[status] ?? (status.startsWith('bounce:') ? 'undetermined' : undefined);
  if (status !== 'success' && bounce === undefined) return decodeUnknown(item, group, status, timeZone);
  const recipient = normalizeEmail(item.email);
  if (recipient === undefined) return undefined;
  const instant = deliveryTime(item, timeZone);
  if (instant === false || !isTextOrAbsent(item.dsn) || !hasTextCommonFields(item)) return undefined;
  const id = eventId(item, group);
  if (id === null) return undefined;
  const event = startLingdongEvent(bounce === undefined ? 'delivered' : 'bounced', id, recipient, item, instant);
  setField(event, 'bounce', bounce);
  setField(event, 'smtp', parseSmtpDiagnostic(item.dsn));
  return finishEvent(event, item);
}

/** When a delivery record's status was set: `updatedAt`, else `updated`, else `createdAt`. */
function deliveryTime(item: Item, timeZone: string): number | undefined | false {
  const updatedAt = readOptionalTime(item.updatedAt, timeZone);
  const updated = readOptionalTime(item.updated, timeZone);
  const created = readOptionalTime(item.createdAt, timeZone);
  if (updatedAt === false || updated === false || created === false) return false;
  return updatedAt ?? updated ?? created;
}

function decodeUnknown(item: Item, group: string, providerEvent: string, timeZone: string): EmailEvent | undefined {
  const instant = deliveryTime(item, timeZone);
  if (instant === false) return undefined;
  const id = eventId(item, group);
  if (id === null) return undefined;
  const event = startLingdongEvent('unknown', id, normalizeEmail(item.email), item, instant);
  event.providerEvent = providerEvent;
  return finishEvent(event, item);
}

function decodeGroup(group: string, items: unknown, context: DecodeContext): void {
  if (items === null || items === undefined) return;
  if (!Array.isArray(items)) {
    context.reject({ path: [group], message: 'expected an array of items', input: items });
    return;
  }
  const activity = ACTIVITY_GROUPS[group];
  const delivery = DELIVERY_GROUPS.has(group);
  for (let index = 0; index < items.length; index++) {
    const item: unknown = items[index];
    let event: EmailEvent | undefined;
    let schema;
    if (activity !== undefined) {
      event = decodeActivity(item, group, activity, context.timeZone);
      schema = lingdongActivitySchema;
    } else if (delivery) {
      const status = isItem(item) && typeof item.status === 'string' ? item.status.trim() : '';
      if (status !== '' && isItem(item)) {
        event = decodeDelivery(item, group, status, context.timeZone);
        const known = status === 'success' || status.startsWith('bounce:');
        schema = known ? lingdongDeliverySchema : lingdongUnknownItemSchema;
      } else schema = lingdongDeliverySchema;
    } else {
      if (isItem(item)) event = decodeUnknown(item, group, group, context.timeZone);
      schema = lingdongUnknownItemSchema;
    }
    if (event !== undefined) context.events.push(event);
    else context.reject(explainBadItem(schema, item, [group, index]));
  }
}

/**
 * Lingdong (灵动, Unimarketing): one JSON object of groups (`delivered`/`receipts`, `clicks`, `opens`,
 * `unsubscriptions`, `complaints`, `subscriptions`, ...), each an array of items with zone-less local times.
 */
export const lingdong: ProviderDecoder = {
  name: 'lingdong',
  defaultTimeZone: 'Asia/Shanghai',
  detect(body) {
    if (!isItem(body) || 'event' in body) return false;
    for (const key in body) {
      if (isKnownGroup(key) && Array.isArray(body[key])) return true;
    }
    return false;
  },
  decode(body, context) {
    if (!isItem(body)) {
      throw new WebhookError('invalid_payload', 'a Lingdong body is a JSON object of event groups');
    }
    for (const group in body) {
      const items = body[group];
      // Unknown keys holding arrays are groups of a kind not known yet: their items pass through as `unknown`
      // events. Other unknown keys are metadata, not items.
      if (isKnownGroup(group) || Array.isArray(items)) decodeGroup(group, items, context);
    }
  },
};

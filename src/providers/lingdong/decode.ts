import type { BounceKind, EmailEvent } from '../../events.js';
import { WebhookError } from '../../errors.js';
import { toEmailClient } from '../../normalize/client.js';
import { deriveEventId } from '../../normalize/derive-id.js';
import { normalizeEmail } from '../../normalize/email.js';
import { readCoordinate, toGeoLocation } from '../../normalize/geo.js';
import { parseSmtpDiagnostic } from '../../normalize/smtp.js';
import { isBlankText, isTextOrAbsent, readIntegerId, readText } from '../../normalize/text.js';
import { type EventDraft, eventConstructorFor } from '../event-fields.js';
import type * as v from 'valibot';
import { type Item, isItem } from '../item.js';
import { explainBadItem } from '../explain-bad-item.js';
import type { DecodeContext } from '../provider.js';
import { readLingdongTime } from './read-time.js';
import { lingdongActivitySchema, lingdongDeliverySchema, lingdongUnknownItemSchema } from './schema.js';

/** The schema that explains why an item could not become an event. */
type BadItemSchema = v.GenericSchema;

type ActivityType = 'opened' | 'clicked' | 'unsubscribed' | 'complained' | 'subscribed';


// Maps, not object literals: names come from the body, and `constructor` must not find Object.prototype's.
const ACTIVITY_GROUPS: ReadonlyMap<string, ActivityType> = new Map([
  ['opens', 'opened'],
  ['clicks', 'clicked'],
  ['unsubscriptions', 'unsubscribed'],
  ['complaints', 'complained'],
  ['subscriptions', 'subscribed'],
]);

// `delivered` is being renamed `receipts`; both carry delivery records.
const DELIVERY_GROUPS: ReadonlySet<string> = new Set(['delivered', 'receipts']);
// Announced by Lingdong but not live: recognised for detection, decoded as `unknown` events.
const ANNOUNCED_GROUPS: ReadonlySet<string> = new Set(['replies', 'changeProfiles']);

const BOUNCE_KINDS: ReadonlyMap<string, BounceKind> = new Map([
  ['bounce:hard', 'hard'],
  ['bounce:bad-mailbox', 'hard'],
  ['bounce:soft', 'soft'],
]);

/** Every group name Lingdong uses: live, renamed or announced. */
export const LINGDONG_GROUP_NAMES: readonly string[] = [...ACTIVITY_GROUPS.keys(), ...DELIVERY_GROUPS, ...ANNOUNCED_GROUPS];

/** Whether a key names a Lingdong group: live, renamed or announced. */
export function isKnownGroup(key: string): boolean {
  return ACTIVITY_GROUPS.has(key) || DELIVERY_GROUPS.has(key) || ANNOUNCED_GROUPS.has(key);
}

/** The key of a time for a derived id: its wall clock (date-time text) or epoch milliseconds, whatever its form. */
function timeKey(value: unknown): number | undefined {
  return value === undefined || value === null ? undefined : readLingdongTime(value, undefined);
}

/**
 * The id Lingdong sent, or one derived from the item's normalized values; `null` when the sent id is not an
 * integer. An id that is a number beyond 2^53 (an already-parsed body) has lost digits, so the id is derived.
 * @param recipient The normalized recipient, if any.
 * @param messageId The event's message id, if any.
 */
function eventId(
  item: Item,
  group: string,
  recipient: string | undefined,
  messageId: string | undefined,
  id: string | undefined | null,
): string | null {
  if (id !== undefined) return id;
  return deriveEventId([
    'lingdong',
    // `receipts` is the new name of `delivered`: the same record keeps its id under either.
    group === 'receipts' ? 'delivered' : group,
    recipient?.toLowerCase(),
    timeKey(item.createdAt),
    timeKey(item.updated),
    timeKey(item.updatedAt),
    readText(item.status),
    readText(item.url),
    messageId,
    readText(item.campaign),
  ]);
}

/**
 * The message an activity (open, click, ...) belongs to: `mid` when present, else `messageId`. Lingdong's `mid`
 * is the id of the delivery record, so a delivery's message id is its own `id` (see {@link deliveryMessageId}).
 */
function activityMessageId(item: Item): string | undefined {
  return readText(item.mid) ?? readText(item.messageId);
}

/**
 * The message id of a delivery record: `mid` when present, else the record's own `id` (what its opens and clicks
 * carry as `mid`), else `messageId`. So a delivery and its opens and clicks share one `messageId`.
 */
function deliveryMessageId(item: Item, id: string | undefined | null): string | undefined {
  return readText(item.mid) ?? id ?? readText(item.messageId);
}

/** Whether the text fields every Lingdong item may carry are text. */
function hasTextCommonFields(item: Item): boolean {
  return (
    isTextOrAbsent(item.campaign) && isTextOrAbsent(item.subject) &&
    isTextOrAbsent(item.mid) && isTextOrAbsent(item.messageId)
  );
}

/** Makes this provider's events (see eventConstructorFor). */
const LingdongEvent = eventConstructorFor('lingdong');

/** Starts an event with the fields every Lingdong event shares. */
function startLingdongEvent(
  type: EmailEvent['type'],
  id: string,
  recipient: string | undefined,
  item: Item,
  instant: number | undefined,
  messageId: string | undefined,
): EventDraft {
  const event = new LingdongEvent(type, id, recipient, instant === undefined ? undefined : new Date(instant));
  // Named stores, one a field: events keep a few stable hidden classes.
  if (messageId !== undefined) event.messageId = messageId;
  const campaign = readText(item.campaign);
  if (campaign !== undefined) event.campaign = campaign;
  const subject = readText(item.subject);
  if (subject !== undefined) event.subject = subject;
  return event;
}

function decodeActivity(item: unknown, group: string, type: ActivityType, timeZone: string, events: EmailEvent[]): BadItemSchema | undefined {
  if (!isItem(item)) return lingdongActivitySchema;
  const recipient = normalizeEmail(item.email);
  if (recipient === undefined) return lingdongActivitySchema;
  const created = readTimeField(item.createdAt, timeZone);
  if (created === null) return lingdongActivitySchema;
  const latitude = readCoordinate(item.latitude, 90);
  const longitude = readCoordinate(item.longitude, 180);
  if (latitude === null || longitude === null) return lingdongActivitySchema;
  const { ip, location, client, platform, device, url, source, content } = item;
  if (
    !isTextOrAbsent(ip) || !isTextOrAbsent(location) || !isTextOrAbsent(client) || !isTextOrAbsent(platform) ||
    !isTextOrAbsent(device) || !isTextOrAbsent(url) || !isTextOrAbsent(source) || !isTextOrAbsent(content) ||
    !hasTextCommonFields(item)
  ) {
    return lingdongActivitySchema;
  }
  const messageId = activityMessageId(item);
  const id = eventId(item, group, recipient, messageId, readIntegerId(item.id));
  if (id === null) return lingdongActivitySchema;
  const event = startLingdongEvent(type, id, recipient, item, created, messageId);
  if (type !== 'subscribed') {
    const ipText = readText(ip);
    if (ipText !== undefined) event.ip = ipText;
    const geo = toGeoLocation(location, latitude, longitude);
    if (geo !== undefined) event.geo = geo;
    const emailClient = toEmailClient(client, platform, device);
    if (emailClient !== undefined) event.client = emailClient;
  }
  if (type === 'clicked') {
    const link = readText(url);
    if (link !== undefined) event.url = link;
  }
  if (type === 'unsubscribed' || type === 'complained') {
    const reason = readText(content);
    if (reason !== undefined) event.reason = reason;
  }
  if (type === 'unsubscribed' || type === 'complained' || type === 'subscribed') {
    const sourceText = readText(source);
    if (sourceText !== undefined) event.source = sourceText;
  }
  // Stored here, not by a helper all providers share, whose one store would see every event shape.
  event.raw = item;
  events.push(event as unknown as EmailEvent);
  return undefined;
}

/**
 * Reads one time field: in `timeZone`, or as a wall clock only when `timeZone` is `undefined` (a time that is
 * checked but not used).
 * @returns The instant (or wall clock), `undefined` when absent or blank, `null` when present but unreadable.
 */
function readTimeField(value: unknown, timeZone: string | undefined): number | undefined | null {
  if (value === undefined || value === null || isBlankText(value)) return undefined;
  const instant = readLingdongTime(value, timeZone);
  return instant === undefined ? null : instant;
}

/**
 * When a delivery record's status was set: `updatedAt`, else `updated`, else `createdAt`. The others present
 * must be readable too, but are not converted. Three named reads, not a loop over names: the items come in
 * several shapes.
 * @returns The instant, `undefined` for no time, `null` when a present time is unreadable.
 */
function deliveryTime(item: Item, timeZone: string): number | undefined | null {
  const updatedAt = readTimeField(item.updatedAt, timeZone);
  if (updatedAt === null) return null;
  const updated = readTimeField(item.updated, updatedAt === undefined ? timeZone : undefined);
  if (updated === null) return null;
  const instant = updatedAt ?? updated;
  const created = readTimeField(item.createdAt, instant === undefined ? timeZone : undefined);
  if (created === null) return null;
  return instant ?? created;
}

function decodeDelivery(item: unknown, group: string, timeZone: string, events: EmailEvent[]): BadItemSchema | undefined {
  if (!isItem(item) || typeof item.status !== 'string') return lingdongDeliverySchema;
  const status = item.status.trim();
  if (status === '') return lingdongDeliverySchema;
  const bounce = BOUNCE_KINDS.get(status) ?? (status.startsWith('bounce:') ? 'undetermined' : undefined);
  const type = bounce !== undefined ? 'bounced' : status === 'success' ? 'delivered' : status === 'deferred' ? 'deferred' : undefined;
  if (type === undefined) return decodeUnknown(item, group, status, timeZone, events);
  const recipient = normalizeEmail(item.email);
  if (recipient === undefined) return lingdongDeliverySchema;
  const instant = deliveryTime(item, timeZone);
  if (instant === null || !isTextOrAbsent(item.dsn) || !hasTextCommonFields(item)) return lingdongDeliverySchema;
  const sentId = readIntegerId(item.id);
  const messageId = deliveryMessageId(item, sentId);
  const id = eventId(item, group, recipient, messageId, sentId);
  if (id === null) return lingdongDeliverySchema;
  const event = startLingdongEvent(type, id, recipient, item, instant, messageId);
  if (bounce !== undefined) event.bounce = bounce;
  const smtp = parseSmtpDiagnostic(item.dsn);
  if (smtp !== undefined) event.smtp = smtp;
  event.raw = item;
  events.push(event as unknown as EmailEvent);
  return undefined;
}

function decodeUnknown(
  item: unknown, group: string, providerEvent: string, timeZone: string, events: EmailEvent[],
): BadItemSchema | undefined {
  if (!isItem(item)) return lingdongUnknownItemSchema;
  const instant = deliveryTime(item, timeZone);
  if (instant === null) return lingdongUnknownItemSchema;
  const recipient = normalizeEmail(item.email);
  const sentId = readIntegerId(item.id);
  const messageId = DELIVERY_GROUPS.has(group) ? deliveryMessageId(item, sentId) : activityMessageId(item);
  const id = eventId(item, group, recipient, messageId, sentId);
  if (id === null) return lingdongUnknownItemSchema;
  const event = startLingdongEvent('unknown', id, recipient, item, instant, messageId);
  event.providerEvent = providerEvent;
  event.raw = item;
  events.push(event as unknown as EmailEvent);
  return undefined;
}

function decodeGroup(group: string, items: unknown, context: DecodeContext): void {
  if (items === null || items === undefined) return;
  if (!Array.isArray(items)) {
    context.reject({ path: [group], message: 'expected an array of items', input: items });
    return;
  }
  const activity = ACTIVITY_GROUPS.get(group);
  const delivery = DELIVERY_GROUPS.has(group);
  const { timeZone, events } = context;
  for (let index = 0; index < items.length; index++) {
    const item: unknown = items[index];
    const bad =
      activity !== undefined
        ? decodeActivity(item, group, activity, timeZone, events)
        : delivery
          ? decodeDelivery(item, group, timeZone, events)
          : decodeUnknown(item, group, group, timeZone, events);
    if (bad !== undefined) context.reject(explainBadItem(bad, item, [group, index]));
  }
}

/**
 * Counts the items of a Lingdong body (each becomes an event or an issue) without reading any.
 * @param body A parsed body.
 */
export function countLingdongItems(body: unknown): number {
  let items = 0;
  if (!isItem(body)) return items;
  for (const group in body) {
    const value = body[group];
    if (Array.isArray(value)) items += value.length;
    // A known group that is not an array is one issue.
    else if (isKnownGroup(group) && value !== null && value !== undefined) items++;
  }
  return items;
}

/**
 * Decodes a Lingdong body: one JSON object of groups (`delivered`/`receipts`, `clicks`, `opens`,
 * `unsubscriptions`, `complaints`, `subscriptions`, ...), each an array of items with zone-less local times.
 * @param body A parsed body.
 * @param context Where events and issues go.
 * @throws {WebhookError} `invalid_payload` when the body is not an object of groups (`{}` is an empty batch).
 */
export function decodeLingdong(body: unknown, context: DecodeContext): void {
  let groups = 0;
  let keys = 0;
  if (isItem(body)) {
    for (const group in body) {
      keys++;
      const items = body[group];
      // Unknown keys holding arrays are groups of a kind not known yet: their items pass through as `unknown`
      // events. Other unknown keys are metadata, not items.
      if (isKnownGroup(group) || Array.isArray(items)) {
        groups++;
        decodeGroup(group, items, context);
      }
    }
  }
  if (!isItem(body) || (keys > 0 && groups === 0)) {
    throw new WebhookError('invalid_payload', 'a Lingdong body is a JSON object of event groups');
  }
}

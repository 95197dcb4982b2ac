import type * as v from 'valibot';
import type { EmailEvent } from '../../events.js';
import { WebhookError } from '../../errors.js';
import { beginDerivedId, derivedIdStart, endDerivedId, mixIdPart } from '../../normalize/derive-id.js';
import { normalizeEmail } from '../../normalize/email.js';
import { parseSmtpDiagnostic } from '../../normalize/smtp.js';
import { isBlankText, readIntegerId, readText } from '../../normalize/text.js';
import { type EventDraft, startEvent } from '../event-fields.js';
import { explainBadItem } from '../explain-bad-item.js';
import { type Item, isItem, readOptionalInstant } from '../item.js';
import type { DecodeContext } from '../provider.js';
import { setPostmarkActivity } from './activity.js';
import { BOUNCE_TYPES, type RecordMeaning } from './bounce-types.js';
import { readPostmarkMetadata } from './read-metadata.js';
import { readZonedIsoTime } from '../../normalize/time/zoned-iso.js';
import {
  postmarkActivitySchema,
  postmarkBounceSchema,
  postmarkDeliverySchema,
  postmarkSubscriptionSchema,
  postmarkUnknownSchema,
} from './schema.js';

/** Where each record type keeps its recipient and its time, and the schema that explains a bad one. */
interface RecordLayout {
  recipient: 'Recipient' | 'Email';
  time: 'DeliveredAt' | 'BouncedAt' | 'ReceivedAt' | 'ChangedAt';
  schema: v.GenericSchema;
}

const LAYOUTS: ReadonlyMap<string, RecordLayout> = new Map<string, RecordLayout>([
  ['Delivery', { recipient: 'Recipient', time: 'DeliveredAt', schema: postmarkDeliverySchema }],
  ['Bounce', { recipient: 'Email', time: 'BouncedAt', schema: postmarkBounceSchema }],
  ['SpamComplaint', { recipient: 'Email', time: 'BouncedAt', schema: postmarkBounceSchema }],
  ['Open', { recipient: 'Recipient', time: 'ReceivedAt', schema: postmarkActivitySchema }],
  ['Click', { recipient: 'Recipient', time: 'ReceivedAt', schema: postmarkActivitySchema }],
  ['SubscriptionChange', { recipient: 'Recipient', time: 'ChangedAt', schema: postmarkSubscriptionSchema }],
]);

// Suppressions Postmark adds because of a bounce or a complaint: the Bounce and SpamComplaint webhooks report
// the same happening on their own, so these pass through as `unknown` rather than count a second time.
const ECHOED_SUPPRESSIONS: ReadonlySet<string> = new Set(['HardBounce', 'SpamComplaint']);

const UNDETERMINED_BOUNCE: RecordMeaning = { type: 'bounced', bounce: 'undetermined' };

// The last `From` read, with its answer: a server sends from one or two addresses, so the same text comes on most
// records, and is read once.
let lastFromText = '';
let lastSender: string | undefined;

/** The address in `From`, which may be written `Name <address>`; other text is kept as sent. */
function readSender(value: unknown): string | undefined {
  if (typeof value === 'string' && value === lastFromText) return lastSender;
  const text = readText(value);
  if (text === undefined) return undefined;
  const open = text.lastIndexOf('<');
  const inner = open >= 0 && text.endsWith('>') ? text.slice(open + 1, -1) : text;
  const sender = normalizeEmail(inner) ?? text;
  if (typeof value === 'string') {
    lastFromText = value;
    lastSender = sender;
  }
  return sender;
}

// Every derived id starts with the same part, `postmark`, of ten: its lanes are computed once.
const ID_START = derivedIdStart('postmark', 10);

/**
 * Postmark sends no id for deliveries, opens, clicks and subscription changes: derive one from the normalized
 * values that tell the event apart (a redelivery gives the same id, another open or click another one). Mixed
 * part by part, which gives what `deriveEventId` gives for the same ten parts without building their array.
 * @param messageId `MessageID` as text, read once for the id and the event.
 * @param stream `MessageStream` as text, likewise.
 */
function derivedId(
  item: Item, recordType: string, recipient: string | undefined, instant: number | undefined,
  messageId: string | undefined, stream: string | undefined,
): string {
  // Every field is read before the first part is mixed: nothing runs between the start and the end of the id.
  const type = readText(item.Type);
  const link = readText(item.OriginalLink);
  const suppress = typeof item.SuppressSending === 'boolean' ? item.SuppressSending : undefined;
  const reason = readText(item.SuppressionReason);
  beginDerivedId(ID_START);
  mixIdPart(1, recordType);
  mixIdPart(2, type);
  mixIdPart(3, messageId);
  mixIdPart(4, recipient);
  mixIdPart(5, instant);
  mixIdPart(6, link);
  mixIdPart(7, suppress);
  mixIdPart(8, reason);
  mixIdPart(9, stream);
  return endDerivedId();
}

/** What a record means: an event type, or the name of an `unknown` event. */
function meaningOf(item: Item, recordType: string): RecordMeaning | string {
  switch (recordType) {
    case 'Delivery':
      return { type: 'delivered' };
    case 'Open':
    case 'Click':
      return { type: recordType === 'Open' ? 'opened' : 'clicked' };
    case 'SpamComplaint':
      return { type: 'complained' };
    case 'Bounce': {
      const bounceType = readText(item.Type);
      if (bounceType === undefined) return UNDETERMINED_BOUNCE;
      return BOUNCE_TYPES.get(bounceType) ?? `Bounce:${bounceType}`;
    }
    default: {
      // SubscriptionChange (its SuppressSending is checked before this is asked).
      const reason = readText(item.SuppressionReason);
      if (item.SuppressSending === false) return { type: 'subscribed' };
      if (reason !== undefined && ECHOED_SUPPRESSIONS.has(reason)) return `SubscriptionChange:${reason}`;
      return { type: 'unsubscribed' };
    }
  }
}

/** The fields every Postmark event has: `MessageID` and `MessageStream` come read, as the derived id needs them. */
function startPostmarkEvent(
  type: EmailEvent['type'],
  item: Item,
  id: string,
  recipient: string | undefined,
  instant: number | undefined,
  messageId: string | undefined,
  listId: string | undefined,
): EventDraft {
  const sender = readSender(item.From);
  const subject = readText(item.Subject);
  const tag = readText(item.Tag);
  const metadata = readPostmarkMetadata(item.Metadata);
  const description = readText(item.Description);
  const event = startEvent(type, 'postmark', id, recipient, instant);
  // Stores by name rather than through setField: this runs on every record, and a store by a constant name is
  // cheaper than the keyed store setField makes once it has seen many names (about 0.1x JSON.parse on 1000 bodies).
  if (messageId !== undefined) event.messageId = messageId;
  if (sender !== undefined) event.sender = sender;
  if (subject !== undefined) event.subject = subject;
  if (tag !== undefined) event.tags = [tag];
  if (metadata !== undefined) event.metadata = metadata;
  // Postmark keeps suppressions per message stream: the stream is the list an unsubscription applies to.
  if (listId !== undefined) event.listId = listId;
  if (description !== undefined) event.description = description;
  return event;
}

/** `Details` as the event's description, unless it has one (or the receiving server's reply, `smtp`). */
function setDetails(event: EventDraft, item: Item): void {
  if (event.smtp !== undefined || event.description !== undefined) return;
  const details = readText(item.Details);
  if (details !== undefined) event.description = details;
}

/** Ends an event: the record itself as `raw`, stored here rather than in a helper every provider's events pass. */
function finishPostmarkEvent(event: EventDraft, item: Item, events: EmailEvent[]): undefined {
  event.raw = item;
  events.push(event as unknown as EmailEvent);
  return undefined;
}

function decodeUnknownRecord(item: Item, name: string, events: EmailEvent[]): v.GenericSchema | undefined {
  const recipient = normalizeEmail(item.Recipient) ?? normalizeEmail(item.Email);
  const providerId = readIntegerId(item.ID);
  const time = item.DeliveredAt ?? item.BouncedAt ?? item.ReceivedAt ?? item.ChangedAt;
  const instant = readOptionalInstant(time, readZonedIsoTime);
  if (instant === null || providerId === null) return postmarkUnknownSchema;
  const messageId = readText(item.MessageID);
  const stream = readText(item.MessageStream);
  const id = providerId ?? derivedId(item, name, recipient, instant, messageId, stream);
  const event = startPostmarkEvent('unknown', item, id, recipient, instant, messageId, stream);
  event.providerEvent = name;
  setDetails(event, item);
  return finishPostmarkEvent(event, item, events);
}

/**
 * Decodes one record: its event goes to `events`; a record that cannot become one gives the schema of the kind it
 * claims to be, which explains why.
 */
function decodeRecord(item: unknown, events: EmailEvent[]): v.GenericSchema | undefined {
  if (!isItem(item) || typeof item.RecordType !== 'string') return postmarkUnknownSchema;
  const recordType = item.RecordType.trim();
  if (recordType === '') return postmarkUnknownSchema;
  const layout = LAYOUTS.get(recordType);
  if (layout === undefined) return decodeUnknownRecord(item, recordType, events);
  const recipient = normalizeEmail(item[layout.recipient]);
  const time = item[layout.time];
  // Absent, `null` and blank times are no time; any other must read (readOptionalInstant, without its callback).
  const instant = time === undefined || time === null || isBlankText(time) ? undefined : readZonedIsoTime(time) ?? null;
  const providerId = readIntegerId(item.ID);
  if (recipient === undefined || instant === null || providerId === null) return layout.schema;
  if (recordType === 'SubscriptionChange' && typeof item.SuppressSending !== 'boolean') return layout.schema;
  const meaning = meaningOf(item, recordType);
  const messageId = readText(item.MessageID);
  const stream = readText(item.MessageStream);
  const id = providerId ?? derivedId(item, recordType, recipient, instant, messageId, stream);
  if (typeof meaning === 'string') {
    const event = startPostmarkEvent('unknown', item, id, recipient, instant, messageId, stream);
    event.providerEvent = meaning;
    setDetails(event, item);
    return finishPostmarkEvent(event, item, events);
  }
  const event = startPostmarkEvent(meaning.type, item, id, recipient, instant, messageId, stream);
  switch (meaning.type) {
    case 'delivered':
    case 'deferred':
    case 'bounced': {
      if (meaning.bounce !== undefined) event.bounce = meaning.bounce;
      const smtp = parseSmtpDiagnostic(item.Details);
      if (smtp !== undefined) event.smtp = smtp;
      break;
    }
    case 'rejected': {
      const reason = readText(item.Type);
      if (reason !== undefined) event.reason = reason;
      break;
    }
    case 'opened':
    case 'clicked': {
      setPostmarkActivity(event, item);
      const url = meaning.type === 'clicked' ? readText(item.OriginalLink) : undefined;
      if (url !== undefined) event.url = url;
      break;
    }
    case 'unsubscribed': {
      // A suppression stops every message of the stream to the address, whatever the reason.
      event.scope = 'all';
      const reason = readText(item.SuppressionReason);
      if (reason !== undefined) event.reason = reason;
      const source = readText(item.Origin);
      if (source !== undefined) event.source = source;
      break;
    }
    case 'subscribed': {
      const source = readText(item.Origin);
      if (source !== undefined) event.source = source;
      break;
    }
    default:
      break;
  }
  // `Details` is the receiving server's reply where there is one (`smtp`), else Postmark's own words.
  setDetails(event, item);
  return finishPostmarkEvent(event, item, events);
}

/**
 * Decodes a Postmark webhook: one record per request, keyed by `RecordType` (`Delivery`, `Bounce`,
 * `SpamComplaint`, `Open`, `Click`, `SubscriptionChange`; any other passes through as `unknown`).
 * @param body A parsed body.
 * @param context Where the event or the issue goes.
 * @throws {WebhookError} `invalid_payload` when the body is not one object with a `RecordType`.
 */
export function decodePostmark(body: unknown, context: DecodeContext): void {
  if (!isItem(body) || typeof body.RecordType !== 'string') {
    throw new WebhookError('invalid_payload', 'a Postmark body is one JSON object with a RecordType');
  }
  const schema = decodeRecord(body, context.events);
  if (schema !== undefined) context.reject(explainBadItem(schema, body, []));
}

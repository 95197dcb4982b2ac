import type * as v from 'valibot';
import type { BounceKind, EmailEvent, SmtpReply } from '../../events.js';
import { WebhookError } from '../../errors.js';
import { deriveEventId } from '../../normalize/derive-id.js';
import { normalizeEmail } from '../../normalize/email.js';
import { parseSmtpDiagnostic } from '../../normalize/smtp.js';
import { isTextOrAbsent, readText } from '../../normalize/text.js';
import { readUnixSeconds } from '../../normalize/time.js';
import { type EventDraft, startEvent } from '../event-fields.js';
import { explainBadItem } from '../explain-bad-item.js';
import { type Item, isItem, readOptionalInstant } from '../item.js';
import type { DecodeContext } from '../provider.js';
import { readCategories } from './categories.js';
import { readCustomArgs } from './metadata.js';
import { sendgridKnownItemSchema, sendgridUnknownItemSchema } from './schema.js';

type KnownType = Exclude<EmailEvent['type'], 'unknown'>;

// A Map, not an object literal: names come from the body, and `constructor` must not find Object.prototype's.
const EVENT_TYPES: ReadonlyMap<string, KnownType> = new Map([
  ['processed', 'queued'],
  ['deferred', 'deferred'],
  ['delivered', 'delivered'],
  ['bounce', 'bounced'],
  ['dropped', 'rejected'],
  ['open', 'opened'],
  ['click', 'clicked'],
  ['spamreport', 'complained'],
  ['unsubscribe', 'unsubscribed'],
  ['group_unsubscribe', 'unsubscribed'],
  ['group_resubscribe', 'subscribed'],
]);

const ENHANCED_STATUS = /^[245]\.\d{1,3}\.\d{1,3}$/;

/** Whether the text fields an event may normalize are text (the fields of `SENDGRID_TEXT_FIELDS`, by name). */
function hasTextFields(item: Item): boolean {
  return (
    isTextOrAbsent(item.sg_event_id) && isTextOrAbsent(item.sg_message_id) && isTextOrAbsent(item.asm_group_id) &&
    isTextOrAbsent(item.reason) && isTextOrAbsent(item.response) && isTextOrAbsent(item.status) &&
    isTextOrAbsent(item.type) && isTextOrAbsent(item.bounce_classification) && isTextOrAbsent(item.ip) &&
    isTextOrAbsent(item.url) && isTextOrAbsent(item.useragent)
  );
}

/**
 * The event id: `sg_event_id` exactly as sent. An item without one gets an id derived from the normalized values
 * that identify it (so `1700000000` and `"1700000000"`, or two spellings of one address, give one id).
 */
function eventId(item: Item, name: string, instant: number | undefined, recipient: string | undefined): string {
  return (
    readText(item.sg_event_id) ??
    deriveEventId([
      'sendgrid', name, instant, readText(item.sg_message_id), readText(item['smtp-id']), recipient?.toLowerCase(),
      readText(item.url), readText(item.reason), readText(item.status), readText(item.response), readText(item.asm_group_id),
    ])
  );
}

/**
 * The receiving server's reply: the text is `response` (delivered, deferred) or `reason` (bounce), its leading
 * code the basic code; `status` is the enhanced status code.
 */
function smtpReply(item: Item, text: unknown): SmtpReply | undefined {
  const reply = parseSmtpDiagnostic(text);
  const status = readText(item.status);
  if (status === undefined || !ENHANCED_STATUS.test(status)) return reply;
  if (reply === undefined) return { enhancedStatus: status };
  reply.enhancedStatus = status;
  return reply;
}

/**
 * How final a bounce is. SendGrid's `type: "bounce"` (or none) is a permanent refusal: hard. A `blocked` bounce
 * (SendGrid: the receiving server would not accept the message, often for a while) goes by the server's own
 * code, as do types SendGrid has not documented: a 5xx reply (or a `5.x.x` status) is hard, 4xx soft, and
 * without a code it is `undetermined`.
 */
function bounceKind(type: string | undefined, smtp: SmtpReply | undefined): BounceKind {
  if (type === undefined || type === 'bounce') return 'hard';
  const codeClass = smtp?.code !== undefined ? Math.floor(smtp.code / 100) : Number(smtp?.enhancedStatus?.[0]);
  if (codeClass === 5) return 'hard';
  if (codeClass === 4) return 'soft';
  return 'undetermined';
}

function startSendgridEvent(
  type: EmailEvent['type'], name: string, item: Item, recipient: string | undefined, instant: number | undefined,
  tags: string[] | undefined,
): EventDraft {
  const event = startEvent(type, 'sendgrid', eventId(item, name, instant, recipient), recipient, instant);
  // Named stores, one a field: events keep a few stable hidden classes.
  const messageId = readText(item.sg_message_id);
  if (messageId !== undefined) event.messageId = messageId;
  if (tags !== undefined) event.tags = tags;
  const metadata = readCustomArgs(item);
  if (metadata !== undefined) event.metadata = metadata;
  const listId = readText(item.asm_group_id);
  if (listId !== undefined) event.listId = listId;
  return event;
}

/** Sets the opener's or clicker's `ip` and `userAgent`, when sent. */
function setClientFields(event: EventDraft, item: Item): void {
  const ip = readText(item.ip);
  if (ip !== undefined) event.ip = ip;
  const userAgent = readText(item.useragent);
  if (userAgent !== undefined) event.userAgent = userAgent;
}

/**
 * Decodes one item: its event goes to `events`; an item that cannot become one gives the schema of the kind it
 * claims to be, which explains why. `raw` and the event are stored here rather than through the shared helpers
 * (finishEvent, isEvent), whose accesses see every provider's events.
 */
function decodeItem(item: unknown, events: EmailEvent[]): v.GenericSchema | undefined {
  if (!isItem(item) || typeof item.event !== 'string') return sendgridUnknownItemSchema;
  const name = item.event.trim();
  if (name === '') return sendgridUnknownItemSchema;
  const instant = readOptionalInstant(item.timestamp, readUnixSeconds);
  const tags = readCategories(item.category);
  const type = EVENT_TYPES.get(name);
  if (type === undefined) {
    if (instant === null || tags === null || !isTextOrAbsent(item.sg_event_id)) return sendgridUnknownItemSchema;
    const event = startSendgridEvent('unknown', name, item, normalizeEmail(item.email), instant, tags);
    event.providerEvent = name;
    event.raw = item;
    events.push(event as unknown as EmailEvent);
    return undefined;
  }
  const recipient = normalizeEmail(item.email);
  if (recipient === undefined || instant === null || tags === null || !hasTextFields(item)) {
    return sendgridKnownItemSchema;
  }
  const event = startSendgridEvent(type, name, item, recipient, instant, tags);
  switch (type) {
    case 'delivered':
    case 'deferred': {
      const smtp = smtpReply(item, item.response);
      if (smtp !== undefined) event.smtp = smtp;
      break;
    }
    case 'bounced': {
      const smtp = smtpReply(item, item.reason);
      event.bounce = bounceKind(readText(item.type), smtp);
      if (smtp !== undefined) event.smtp = smtp;
      const description = readText(item.bounce_classification);
      if (description !== undefined) event.description = description;
      break;
    }
    case 'rejected': {
      const reason = readText(item.reason);
      if (reason !== undefined) event.reason = reason;
      break;
    }
    case 'opened':
    case 'clicked':
    case 'complained': {
      setClientFields(event, item);
      if (type === 'clicked') {
        const url = readText(item.url);
        if (url !== undefined) event.url = url;
      }
      break;
    }
    case 'unsubscribed':
      setClientFields(event, item);
      event.scope = name === 'group_unsubscribe' ? 'list' : 'all';
      break;
    case 'queued':
    case 'subscribed':
      break;
  }
  event.raw = item;
  events.push(event as unknown as EmailEvent);
  return undefined;
}

/**
 * Decodes a SendGrid Event Webhook body: a JSON array of events.
 * @param body A parsed body.
 * @param context Where events and issues go.
 * @throws {WebhookError} `invalid_payload` when the body is not an array.
 */
export function decodeSendgrid(body: unknown, context: DecodeContext): void {
  if (!Array.isArray(body)) throw new WebhookError('invalid_payload', 'a SendGrid body is a JSON array of events');
  const events = context.events;
  for (let index = 0; index < body.length; index++) {
    const item: unknown = body[index];
    const schema = decodeItem(item, events);
    if (schema !== undefined) context.reject(explainBadItem(schema, item, [index]));
  }
}

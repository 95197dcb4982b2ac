import type * as v from 'valibot';
import type { BounceKind, EmailEvent } from '../../events.js';
import { WebhookError } from '../../errors.js';
import { deriveEventId } from '../../normalize/derive-id.js';
import { readText } from '../../normalize/text.js';
import { type EventDraft, startEvent } from '../event-fields.js';
import { explainBadItem } from '../explain-bad-item.js';
import { type Item, isItem } from '../item.js';
import type { DecodeContext, HeaderReader } from '../provider.js';
import { isResendBody } from './detect.js';
import { RESEND_EVENT_TYPES } from './event-types.js';
import { readResendAddress, readResendRecipient, readResendSender } from './read-address.js';
import { setResendTags } from './read-tags.js';
import { readZonedIsoTime } from '../../normalize/time/zoned-iso.js';
import { resendEmailEventSchema, resendOtherEventSchema } from './schema.js';

/** `data.bounce.type`: Resend passes on Amazon SES's bounce types. */
function bounceKindOf(bounceType: string | undefined): BounceKind {
  if (bounceType === 'Permanent') return 'hard';
  if (bounceType === 'Transient') return 'soft';
  return 'undetermined';
}

/**
 * The event id: the `svix-id` header (`webhook-id` under Standard Webhooks names), the same on every redelivery
 * of one event. Without headers, an id derived from the normalized values that tell events apart.
 */
function eventId(header: HeaderReader, type: string, instant: number, data: Item, recipient: string | undefined): string {
  const sent = readText(header('svix-id')) ?? readText(header('webhook-id'));
  if (sent !== undefined) return sent;
  const click = isItem(data.click) ? data.click : undefined;
  return deriveEventId([
    'resend',
    type,
    instant,
    readText(data.email_id) ?? readText(data.id),
    recipient,
    click === undefined ? undefined : readText(click.link),
    click === undefined ? undefined : readText(click.timestamp),
  ]);
}

function objectField(data: Item, key: string): Item | undefined {
  const value = data[key];
  return isItem(value) ? value : undefined;
}

/** Adds what one kind of email event says beyond the common fields. */
function setKindFields(event: EventDraft, type: string, data: Item): void {
  switch (type) {
    case 'email.bounced': {
      const bounce = objectField(data, 'bounce');
      event.bounce = bounceKindOf(readText(bounce?.type));
      const reason = readText(bounce?.subType);
      if (reason !== undefined) event.reason = reason;
      const description = readText(bounce?.message);
      if (description !== undefined) event.description = description;
      break;
    }
    case 'email.failed': {
      const reason = readText(objectField(data, 'failed')?.reason);
      if (reason !== undefined) event.reason = reason;
      break;
    }
    case 'email.suppressed': {
      const suppressed = objectField(data, 'suppressed');
      const reason = readText(suppressed?.type);
      if (reason !== undefined) event.reason = reason;
      const description = readText(suppressed?.message);
      if (description !== undefined) event.description = description;
      break;
    }
    case 'email.clicked': {
      const click = objectField(data, 'click');
      const ip = readText(click?.ipAddress);
      if (ip !== undefined) event.ip = ip;
      const userAgent = readText(click?.userAgent);
      if (userAgent !== undefined) event.userAgent = userAgent;
      const url = readText(click?.link);
      if (url !== undefined) event.url = url;
      break;
    }
    default:
      break;
  }
}

/**
 * Decodes the event: it goes to `events`; an event that cannot be decoded gives the schema of the kind it claims
 * to be, which explains why. Fields are stored by name here rather than through the shared helpers (setField,
 * finishEvent), whose stores see every provider's events.
 */
function decodeEvent(body: Item, header: HeaderReader, events: EmailEvent[]): v.GenericSchema | undefined {
  const type = typeof body.type === 'string' ? body.type.trim() : '';
  const data = body.data as Item;
  const mapped = RESEND_EVENT_TYPES.get(type);
  const instant = readZonedIsoTime(body.created_at);
  // Email events name their recipient in `to`; contact and suppression events in `email`.
  const recipient = readResendRecipient(data.to) ?? (mapped === undefined ? readResendAddress(data.email) : undefined);
  if (mapped !== undefined && (recipient === undefined || instant === undefined)) return resendEmailEventSchema;
  if (instant === undefined || type === '') return resendOtherEventSchema;
  const id = eventId(header, type, instant, data, recipient);
  const messageId = readText(data.email_id);
  const sender = readResendSender(data.from);
  const subject = readText(data.subject);
  const event = startEvent(mapped ?? 'unknown', 'resend', id, recipient, instant);
  // Stores by name rather than through setField on this every-event path: a store by a constant name is cheaper
  // than the keyed store setField makes once it has seen many names (about 0.1x JSON.parse on 1000 bodies).
  if (messageId !== undefined) event.messageId = messageId;
  if (sender !== undefined) event.sender = sender;
  if (subject !== undefined) event.subject = subject;
  const campaign = readText(data.broadcast_id);
  if (campaign !== undefined) event.campaign = campaign;
  setResendTags(event, data.tags);
  if (mapped === undefined) event.providerEvent = type;
  else setKindFields(event, type, data);
  event.raw = body;
  events.push(event as unknown as EmailEvent);
  return undefined;
}

/**
 * Decodes a Resend webhook: one event per request, `{ type, created_at, data }`, its id in the `svix-id` header.
 * @param body A parsed body.
 * @param context Where the event or the issue goes; its headers give the event id.
 * @throws {WebhookError} `invalid_payload` when the body is not a Resend event object.
 */
export function decodeResend(body: unknown, context: DecodeContext): void {
  if (!isResendBody(body)) {
    throw new WebhookError('invalid_payload', 'a Resend body is one JSON object with type, created_at and data');
  }
  const item = body as Item;
  const schema = decodeEvent(item, context.header, context.events);
  if (schema !== undefined) context.reject(explainBadItem(schema, item, []));
}

import type { BounceKind, EmailEvent } from '../../events.js';
import { WebhookError } from '../../errors.js';
import { toEmailClient } from '../../normalize/client.js';
import { deriveEventId } from '../../normalize/derive-id.js';
import { normalizeEmail } from '../../normalize/email.js';
import { toSmtpReply } from '../../normalize/smtp.js';
import { readUnixSeconds } from '../../normalize/time.js';
import { isTextOrAbsent, readText } from '../../normalize/text.js';
import { finishEvent, setField, startEvent } from '../event-fields.js';
import { explainBadItem } from '../item-issue.js';
import type { DecodeContext, ProviderDecoder } from '../provider.js';
import {
  sendpulseEmailItemSchema,
  sendpulseSmtpItemSchema,
  sendpulseUnknownItemSchema,
} from './schema.js';

type KnownType = Exclude<EmailEvent['type'], 'unknown'>;

// SMTP service names first, then the bulk-campaign ("Email service") dialect's.
const EVENT_TYPES: Readonly<Record<string, KnownType>> = {
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

// A soft bounce can carry a 5xx code: for these the event name decides, whatever the code.
const NAMED_BOUNCES: Readonly<Record<string, BounceKind>> = { hard_bounces: 'hard', soft_bounces: 'soft' };

type Item = Record<string, unknown>;

function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEventItem(value: unknown): boolean {
  return isItem(value) && typeof value.event === 'string';
}

/**
 * SendPulse sends no event id: derive one from the fields that identify the event. Descriptive text (sender,
 * subject, reply text) is left out, as it is the same for every event of a message, except when the item has
 * neither time nor message nor campaign (the SMTP `unsubscribed` example): then it tells messages apart.
 */
function derivedId(item: Item): string {
  const anchored = item.timestamp != null || item.message_id != null || item.task_id != null;
  return deriveEventId([
    'sendpulse',
    item.event,
    item.timestamp,
    item.message_id,
    item.task_id,
    item.recipient,
    item.email,
    item.link_url,
    item.link_id,
    item.url,
    item.smtp_server_response_code,
    item.smtp_server_response_subcode,
    item.book_id,
    anchored ? undefined : item.sender,
    anchored ? undefined : item.subject,
  ]);
}

/**
 * Whether the text fields an event may normalize are text. Written out field by field (the fields of
 * `SENDPULSE_TEXT_FIELDS`): named reads are several times faster than reads by a key held in a variable.
 */
function hasTextFields(item: Item): boolean {
  return (
    isTextOrAbsent(item.message_id) && isTextOrAbsent(item.task_id) && isTextOrAbsent(item.sender) &&
    isTextOrAbsent(item.subject) && isTextOrAbsent(item.smtp_server_response_code) &&
    isTextOrAbsent(item.smtp_server_response_subcode) && isTextOrAbsent(item.smtp_server_response) &&
    isTextOrAbsent(item.link_url) && isTextOrAbsent(item.url) && isTextOrAbsent(item.reason) &&
    isTextOrAbsent(item.source) && isTextOrAbsent(item.open_device) && isTextOrAbsent(item.open_platform) &&
    isTextOrAbsent(item.browser_name)
  );
}

/** `undelivered`: the SMTP code decides (5xx hard, 4xx soft, otherwise undetermined). */
function bounceFromCode(code: number | undefined): BounceKind {
  if (code === undefined) return 'undetermined';
  if (code >= 500) return 'hard';
  if (code >= 400) return 'soft';
  return 'undetermined';
}

/** Starts an event with the fields every SendPulse event shares. */
function startSendpulseEvent(type: EmailEvent['type'], item: Item, recipient: string | undefined, instant: number | undefined) {
  const event = startEvent(type, 'sendpulse', derivedId(item), recipient, instant);
  setField(event, 'messageId', readText(item.message_id));
  setField(event, 'sender', readText(item.sender));
  setField(event, 'subject', readText(item.subject));
  setField(event, 'campaign', readText(item.task_id));
  return event;
}

/** Reads the optional `timestamp`; `false` when present but unreadable. */
function readTimestamp(value: unknown): number | undefined | false {
  if (value === undefined || value === null || value === '') return undefined;
  const instant = readUnixSeconds(value);
  return instant === undefined ? false : instant;
}

function decodeItem(item: unknown): EmailEvent | undefined {
  if (!isItem(item)) return undefined;
  const name = typeof item.event === 'string' ? item.event.trim() : '';
  if (name === '') return undefined;
  const instant = readTimestamp(item.timestamp);
  if (instant === false) return undefined;
  const type = EVENT_TYPES[name];
  if (type === undefined) {
    const event = startSendpulseEvent('unknown', item, normalizeEmail(item.recipient ?? item.email), instant);
    event.providerEvent = name;
    return finishEvent(event, item);
  }
  // The SMTP dialect names the recipient `recipient`; bounce events and the campaign dialect name it `email`.
  const recipient = normalizeEmail(item.recipient !== undefined ? item.recipient : item.email);
  if (recipient === undefined) return undefined;
  if (!hasTextFields(item)) return undefined;
  const event = startSendpulseEvent(type, item, recipient, instant);
  switch (type) {
    case 'delivered':
    case 'bounced': {
      const smtp = toSmtpReply(item.smtp_server_response_code, item.smtp_server_response_subcode, item.smtp_server_response);
      if (type === 'bounced') event.bounce = NAMED_BOUNCES[name] ?? bounceFromCode(smtp?.code);
      setField(event, 'smtp', smtp);
      break;
    }
    case 'opened':
    case 'clicked':
      setField(event, 'client', toEmailClient(item.browser_name, item.open_platform, item.open_device));
      if (type === 'clicked') setField(event, 'url', readText(item.link_url) ?? readText(item.url));
      break;
    case 'unsubscribed':
    case 'complained':
      setField(event, 'reason', readText(item.reason));
      break;
    case 'subscribed':
      setField(event, 'source', readText(item.source));
      break;
  }
  return finishEvent(event, item);
}

/** The schema that explains why an item did not decode: the one of the kind it names. */
function schemaFor(item: unknown) {
  if (!isItem(item)) return sendpulseUnknownItemSchema;
  const name = typeof item.event === 'string' ? item.event.trim() : '';
  if (EVENT_TYPES[name] === undefined) return sendpulseUnknownItemSchema;
  return item.recipient !== undefined || item.email === undefined ? sendpulseSmtpItemSchema : sendpulseEmailItemSchema;
}

function decodeItems(items: readonly unknown[], single: boolean, context: DecodeContext): void {
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const event = decodeItem(item);
    if (event !== undefined) context.events.push(event);
    else context.reject(explainBadItem(schemaFor(item), item, single ? [] : [index]));
  }
}

/**
 * SendPulse: a JSON array of events (a bare object is a batch of one), in the SMTP service's dialect
 * (`recipient`, `message_id`, unix `timestamp`) or the bulk-campaign one (`email`, `task_id`, string
 * timestamps).
 */
export const sendpulse: ProviderDecoder = {
  name: 'sendpulse',
  detect(body) {
    if (Array.isArray(body)) return body.length === 0 || body.some(isEventItem);
    return isEventItem(body);
  },
  decode(body, context) {
    if (Array.isArray(body)) decodeItems(body, false, context);
    else if (isItem(body) && 'event' in body) decodeItems([body], true, context);
    else throw new WebhookError('invalid_payload', 'a SendPulse body is a JSON array of events, or one event object');
  },
};

import type { BounceKind, EmailEvent } from '../../events.js';
import { WebhookError } from '../../errors.js';
import { toEmailClient } from '../../normalize/client.js';
import { deriveEventId } from '../../normalize/derive-id.js';
import { normalizeEmail } from '../../normalize/email.js';
import { toSmtpReply } from '../../normalize/smtp.js';
import { readUnixSeconds } from '../../normalize/time/epoch.js';
import { isBlankText, isTextOrAbsent, readText } from '../../normalize/text.js';
import { finishEvent, setField, startEvent } from '../event-fields.js';
import { type Item, type ItemOutcome, isEvent, isItem, readOptionalInstant } from '../item.js';
import { explainBadItem } from '../explain-bad-item.js';
import type { DecodeContext } from '../provider.js';
import {
  sendpulseEmailItemSchema,
  sendpulseSmtpItemSchema,
  sendpulseUnknownItemSchema,
} from './schema.js';

type KnownType = Exclude<EmailEvent['type'], 'unknown'>;

// SMTP service names first, then the bulk-campaign ("Email service") dialect's. A Map, not an object literal:
// names come from the body, and `constructor` must not find Object.prototype's.
const EVENT_TYPES: ReadonlyMap<string, KnownType> = new Map([
  ['delivered', 'delivered'],
  ['undelivered', 'bounced'],
  ['hard_bounces', 'bounced'],
  ['soft_bounces', 'bounced'],
  ['opened', 'opened'],
  ['open', 'opened'],
  ['clicked', 'clicked'],
  ['redirect', 'clicked'],
  ['unsubscribed', 'unsubscribed'],
  ['unsubscribe', 'unsubscribed'],
  ['spam_by_user', 'complained'],
  ['spam', 'complained'],
  ['resubscribed', 'subscribed'],
  ['new_emails', 'subscribed'],
]);

// A soft bounce can carry a 5xx code: for these the event name decides, whatever the code.
const NAMED_BOUNCES: ReadonlyMap<string, BounceKind> = new Map([
  ['hard_bounces', 'hard'],
  ['soft_bounces', 'soft'],
]);

/**
 * SendPulse sends no event id: derive one from the normalized fields that identify the event (the event name, the
 * instant, the message, campaign and list ids, the recipient in lower case, the link, the SMTP codes), so `42`
 * and `"42"`, a unix time as a number or a string, and `" A@Example.com "` and `a@example.com` give one id.
 * Descriptive text (sender, subject) is left out, as it is the same for every event of a message, except when
 * the item has neither time nor message nor campaign (the SMTP `unsubscribed` example): then it tells messages
 * apart, and only the dedup window tells two such events for the same message apart.
 * @param instant The event's instant, if any.
 * @param recipient The normalized recipient, if any.
 */
function derivedId(item: Item, name: string, instant: number | undefined, recipient: string | undefined): string {
  const anchored = instant !== undefined || isPresent(item.message_id) || isPresent(item.task_id);
  // Ids, codes and list ids go in as sent: deriveEventId itself trims them and reads digit strings as numbers.
  return deriveEventId([
    'sendpulse',
    name,
    instant,
    item.message_id,
    item.task_id,
    recipient?.toLowerCase(),
    readText(item.link_url) ?? readText(item.url),
    item.link_id,
    item.smtp_server_response_code,
    item.smtp_server_response_subcode,
    item.book_id,
    anchored ? undefined : item.sender,
    anchored ? undefined : item.subject,
  ]);
}

/** Whether a field is present: not missing, `null`, empty or white space only. */
function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && !isBlankText(value);
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
    isTextOrAbsent(item.browser_name) && isTextOrAbsent(item.browser_ver) && isTextOrAbsent(item.book_id) &&
    isTextOrAbsent(item.status_explain)
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
function startSendpulseEvent(
  type: EmailEvent['type'],
  name: string,
  item: Item,
  recipient: string | undefined,
  instant: number | undefined,
) {
  const event = startEvent(type, 'sendpulse', derivedId(item, name, instant, recipient), recipient, instant);
  setField(event, 'messageId', readText(item.message_id));
  setField(event, 'sender', readText(item.sender));
  setField(event, 'subject', readText(item.subject));
  setField(event, 'campaign', readText(item.task_id));
  setField(event, 'listId', readText(item.book_id));
  setField(event, 'description', readText(item.status_explain));
  return event;
}

const ALL_LISTS: ReadonlySet<unknown> = new Set([1, '1', true, 'true']);

/**
 * What an unsubscribe covers: `all` when `from_all` is set (`1`, `"1"`, `true`), else `list` when it names an
 * address book (`book_id`), else unknown.
 */
function unsubscribeScope(item: Item): 'all' | 'list' | undefined {
  const fromAll = typeof item.from_all === 'string' ? item.from_all.trim() : item.from_all;
  if (ALL_LISTS.has(fromAll)) return 'all';
  return readText(item.book_id) === undefined ? undefined : 'list';
}

/**
 * The field that names the recipient: `recipient` in the SMTP dialect, `email` in bounce events and the campaign
 * dialect. A blank `recipient` gives way to `email`.
 */
function recipientField(item: Item): unknown {
  return readText(item.recipient) !== undefined ? item.recipient : item.email;
}

function decodeItem(item: unknown): ItemOutcome {
  if (!isItem(item) || typeof item.event !== 'string') return sendpulseUnknownItemSchema;
  const name = item.event.trim();
  if (name === '') return sendpulseUnknownItemSchema;
  const instant = readOptionalInstant(item.timestamp, readUnixSeconds);
  const type = EVENT_TYPES.get(name);
  if (type === undefined) {
    if (instant === null) return sendpulseUnknownItemSchema;
    const event = startSendpulseEvent('unknown', name, item, normalizeEmail(recipientField(item)), instant);
    event.providerEvent = name;
    return finishEvent(event, item);
  }
  const sent = recipientField(item);
  const schema = sent === item.recipient ? sendpulseSmtpItemSchema : sendpulseEmailItemSchema;
  const recipient = normalizeEmail(sent);
  if (recipient === undefined || instant === null || !hasTextFields(item)) return schema;
  const event = startSendpulseEvent(type, name, item, recipient, instant);
  switch (type) {
    case 'delivered':
    case 'bounced': {
      const smtp = toSmtpReply(item.smtp_server_response_code, item.smtp_server_response_subcode, item.smtp_server_response);
      if (type === 'bounced') event.bounce = NAMED_BOUNCES.get(name) ?? bounceFromCode(smtp?.code);
      setField(event, 'smtp', smtp);
      break;
    }
    case 'opened':
    case 'clicked':
      setField(event, 'client', toEmailClient(item.browser_name, item.open_platform, item.open_device, item.browser_ver));
      if (type === 'clicked') setField(event, 'url', readText(item.link_url) ?? readText(item.url));
      break;
    case 'unsubscribed':
    case 'complained':
      setField(event, 'reason', readText(item.reason));
      setField(event, 'source', readText(item.source));
      if (type === 'unsubscribed') setField(event, 'scope', unsubscribeScope(item));
      break;
    case 'subscribed':
      setField(event, 'source', readText(item.source));
      break;
  }
  return finishEvent(event, item);
}

function decodeItems(items: readonly unknown[], single: boolean, context: DecodeContext): void {
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const outcome = decodeItem(item);
    if (isEvent(outcome)) context.events.push(outcome);
    else context.reject(explainBadItem(outcome, item, single ? [] : [index]));
  }
}

/**
 * Decodes a SendPulse body: a JSON array of events (a bare object is a batch of one), in the SMTP service's
 * dialect (`recipient`, `message_id`, unix `timestamp`) or the bulk-campaign one (`email`, `task_id`, string
 * timestamps).
 * @param body A parsed body.
 * @param context Where events and issues go.
 * @throws {WebhookError} `invalid_payload` when the body is neither an array nor an event object.
 */
export function decodeSendpulse(body: unknown, context: DecodeContext): void {
  if (Array.isArray(body)) decodeItems(body, false, context);
  else if (isItem(body) && 'event' in body) decodeItems([body], true, context);
  else throw new WebhookError('invalid_payload', 'a SendPulse body is a JSON array of events, or one event object');
}

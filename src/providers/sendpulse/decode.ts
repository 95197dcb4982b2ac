import type * as v from 'valibot';
import type { BounceKind, EmailEvent } from '../../events.js';
import { WebhookError } from '../../errors.js';
import { toEmailClient } from '../../normalize/client.js';
import {
  type DerivedIdStart,
  beginDerivedId,
  currentDerivedIdStart,
  derivedIdStart,
  endDerivedId,
  mixIdEmail,
  mixIdInteger,
  mixIdPart,
} from '../../normalize/derive-id.js';
import { toSmtpReply } from '../../normalize/smtp.js';
import { readUnixSeconds } from '../../normalize/time/epoch.js';
import { isBlankText, isTextOrAbsent, readText } from '../../normalize/text.js';
import { type EventDraft, eventConstructorFor } from '../event-fields.js';
import { type Item, isItem } from '../item.js';
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
 * An item's fields, read in one `for...in` pass (see {@link readFields}): one object of a fixed shape, reused
 * from item to item, instead of some twenty by-name reads of mostly absent members on items of many shapes.
 */
class SendpulseFields {
  event: unknown = undefined;
  timestamp: unknown = undefined;
  recipient: unknown = undefined;
  email: unknown = undefined;
  message_id: unknown = undefined;
  task_id: unknown = undefined;
  sender: unknown = undefined;
  subject: unknown = undefined;
  smtp_server_response_code: unknown = undefined;
  smtp_server_response_subcode: unknown = undefined;
  smtp_server_response: unknown = undefined;
  link_url: unknown = undefined;
  url: unknown = undefined;
  link_id: unknown = undefined;
  reason: unknown = undefined;
  source: unknown = undefined;
  open_device: unknown = undefined;
  open_platform: unknown = undefined;
  browser_name: unknown = undefined;
  browser_ver: unknown = undefined;
  book_id: unknown = undefined;
  status_explain: unknown = undefined;
  from_all: unknown = undefined;
  /** Whether every text field an event may normalize is text (see {@link hasTextFields}). */
  allText = true;
}

const fields = new SendpulseFields();

function clearFields(): void {
  fields.event = undefined;
  fields.timestamp = undefined;
  fields.recipient = undefined;
  fields.email = undefined;
  fields.message_id = undefined;
  fields.task_id = undefined;
  fields.sender = undefined;
  fields.subject = undefined;
  fields.smtp_server_response_code = undefined;
  fields.smtp_server_response_subcode = undefined;
  fields.smtp_server_response = undefined;
  fields.link_url = undefined;
  fields.url = undefined;
  fields.link_id = undefined;
  fields.reason = undefined;
  fields.source = undefined;
  fields.open_device = undefined;
  fields.open_platform = undefined;
  fields.browser_name = undefined;
  fields.browser_ver = undefined;
  fields.book_id = undefined;
  fields.status_explain = undefined;
  fields.from_all = undefined;
  fields.allText = true;
}

/**
 * Fills {@link fields} from an item. A plain object (what JSON gives) is read in one `for...in` pass over its own
 * members; any other object (an already-parsed body may hold class instances or prototype chains) by name, so
 * getters and inherited members read exactly as a by-name read sees them.
 */
function readFields(item: Item): void {
  if (Object.getPrototypeOf(item) !== Object.prototype) {
    readFieldsByName(item);
    return;
  }
  clearFields();
  for (const key in item) {
    switch (key) {
      case 'event': fields.event = item[key]; break;
      case 'timestamp': fields.timestamp = item[key]; break;
      case 'recipient': fields.recipient = item[key]; break;
      case 'email': fields.email = item[key]; break;
      case 'message_id': fields.message_id = textField(item[key]); break;
      case 'task_id': fields.task_id = textField(item[key]); break;
      case 'sender': fields.sender = textField(item[key]); break;
      case 'subject': fields.subject = textField(item[key]); break;
      case 'smtp_server_response_code': fields.smtp_server_response_code = textField(item[key]); break;
      case 'smtp_server_response_subcode': fields.smtp_server_response_subcode = textField(item[key]); break;
      case 'smtp_server_response': fields.smtp_server_response = textField(item[key]); break;
      case 'link_url': fields.link_url = textField(item[key]); break;
      case 'url': fields.url = textField(item[key]); break;
      case 'link_id': fields.link_id = item[key]; break;
      case 'reason': fields.reason = textField(item[key]); break;
      case 'source': fields.source = textField(item[key]); break;
      case 'open_device': fields.open_device = textField(item[key]); break;
      case 'open_platform': fields.open_platform = textField(item[key]); break;
      case 'browser_name': fields.browser_name = textField(item[key]); break;
      case 'browser_ver': fields.browser_ver = textField(item[key]); break;
      case 'book_id': fields.book_id = textField(item[key]); break;
      case 'status_explain': fields.status_explain = textField(item[key]); break;
      case 'from_all': fields.from_all = item[key]; break;
    }
  }
}

/** A text field's value, noting in {@link fields} when it is not text. */
function textField(value: unknown): unknown {
  if (!isTextOrAbsent(value)) fields.allText = false;
  return value;
}

function readFieldsByName(item: Item): void {
  fields.event = item.event;
  fields.timestamp = item.timestamp;
  fields.recipient = item.recipient;
  fields.email = item.email;
  fields.message_id = item.message_id;
  fields.task_id = item.task_id;
  fields.sender = item.sender;
  fields.subject = item.subject;
  fields.smtp_server_response_code = item.smtp_server_response_code;
  fields.smtp_server_response_subcode = item.smtp_server_response_subcode;
  fields.smtp_server_response = item.smtp_server_response;
  fields.link_url = item.link_url;
  fields.url = item.url;
  fields.link_id = item.link_id;
  fields.reason = item.reason;
  fields.source = item.source;
  fields.open_device = item.open_device;
  fields.open_platform = item.open_platform;
  fields.browser_name = item.browser_name;
  fields.browser_ver = item.browser_ver;
  fields.book_id = item.book_id;
  fields.status_explain = item.status_explain;
  fields.from_all = item.from_all;
  fields.allText = hasTextFields(fields);
}

// Every SendPulse id has 13 parts and starts with the provider's name: the lanes after it are computed once.
const ID_START = derivedIdStart('sendpulse', 13);

/** What an event name gives: its type, the bounce kind it names, and the id lanes after it. */
interface NameInfo {
  readonly name: string;
  /** `undefined` for a name this library does not know. */
  readonly type: KnownType | undefined;
  readonly bounce: BounceKind | undefined;
  readonly idStart: DerivedIdStart;
}

function newNameInfo(name: string): NameInfo {
  beginDerivedId(ID_START);
  mixIdPart(1, name);
  return { name, type: EVENT_TYPES.get(name), bounce: NAMED_BOUNCES.get(name), idStart: currentDerivedIdStart() };
}

// The known names sit in a table of 64 slots, indexed by their length and end characters, which tell the 14
// apart: one string comparison finds a name, where a map lookup is a call. A name that collides, and any name
// the library does not know, is looked up in the maps below.
function nameSlot(name: string): number {
  const n = name.length;
  return (n * 2 + name.charCodeAt(0) + name.charCodeAt(n - 1)) & 63;
}
const NAME_SLOTS: (NameInfo | undefined)[] = Array.from({ length: 64 }, () => undefined);
for (const name of EVENT_TYPES.keys()) NAME_SLOTS[nameSlot(name)] ??= newNameInfo(name);

// Known names are computed once; other names are remembered as they come (bounded: names come from the body; a
// batch holds a dozen).
const KNOWN_NAMES: ReadonlyMap<string, NameInfo> = new Map([...EVENT_TYPES.keys()].map((name) => [name, newNameInfo(name)]));
const OTHER_NAMES = new Map<string, NameInfo>();

/** What a (non-empty) event name gives. */
function nameInfo(name: string): NameInfo {
  const slot = NAME_SLOTS[nameSlot(name)];
  if (slot !== undefined && slot.name === name) return slot;
  const known = KNOWN_NAMES.get(name);
  if (known !== undefined) return known;
  let info = OTHER_NAMES.get(name);
  if (info === undefined) {
    info = newNameInfo(name);
    if (OTHER_NAMES.size >= 64) OTHER_NAMES.clear();
    OTHER_NAMES.set(name, info);
  }
  return info;
}

/**
 * SendPulse sends no event id: derive one from the normalized fields that identify the event (the event name, the
 * instant, the message, campaign and list ids, the recipient in lower case, the link, the SMTP codes), so `42`
 * and `"42"`, a unix time as a number or a string, and `" A@Example.com "` and `a@example.com` give one id.
 * Descriptive text (sender, subject) is left out, as it is the same for every event of a message, except when
 * the item has neither time nor message nor campaign (the SMTP `unsubscribed` example): then it tells messages
 * apart, and only the dedup window tells two such events for the same message apart. The parts are mixed
 * straight from the item's fields: the same value as `deriveEventId(['sendpulse', name, instant, ...])`.
 *
 * This mixes the parts before the recipient; the recipient is mixed as it is checked (`mixIdEmail`), then
 * {@link endSendpulseId} mixes the rest.
 * @param name What the event name gives (its id lanes).
 * @param instant The event's instant, if any.
 */
function beginSendpulseId(f: SendpulseFields, name: NameInfo, instant: number | undefined): void {
  beginDerivedId(name.idStart);
  // Instants read by readUnixSeconds are whole milliseconds in 2000-2099: safe integers.
  if (instant !== undefined) mixIdInteger(2, instant);
  // Ids, codes and list ids go in as sent: mixIdPart trims them and reads digit strings as numbers. Absent
  // fields mix nothing: they are skipped here without a call.
  if (f.message_id !== undefined) mixIdPart(3, f.message_id);
  if (f.task_id !== undefined) mixIdPart(4, f.task_id);
}

/** Mixes the parts after the recipient (see {@link beginSendpulseId}) and gives the id. */
function endSendpulseId(f: SendpulseFields, instant: number | undefined): string {
  if (f.link_url !== undefined || f.url !== undefined) mixIdPart(6, readText(f.link_url) ?? readText(f.url));
  if (f.link_id !== undefined) mixIdPart(7, f.link_id);
  if (f.smtp_server_response_code !== undefined) mixIdPart(8, f.smtp_server_response_code);
  if (f.smtp_server_response_subcode !== undefined) mixIdPart(9, f.smtp_server_response_subcode);
  if (f.book_id !== undefined) mixIdPart(10, f.book_id);
  if (instant === undefined && !isPresent(f.message_id) && !isPresent(f.task_id)) {
    mixIdPart(11, f.sender);
    mixIdPart(12, f.subject);
  }
  return endDerivedId();
}

/** Whether a field is present: not missing, `null`, empty or white space only. */
function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && !isBlankText(value);
}

/** Whether the text fields an event may normalize are text. */
function hasTextFields(f: SendpulseFields): boolean {
  return (
    isTextOrAbsent(f.message_id) && isTextOrAbsent(f.task_id) && isTextOrAbsent(f.sender) &&
    isTextOrAbsent(f.subject) && isTextOrAbsent(f.smtp_server_response_code) &&
    isTextOrAbsent(f.smtp_server_response_subcode) && isTextOrAbsent(f.smtp_server_response) &&
    isTextOrAbsent(f.link_url) && isTextOrAbsent(f.url) && isTextOrAbsent(f.reason) &&
    isTextOrAbsent(f.source) && isTextOrAbsent(f.open_device) && isTextOrAbsent(f.open_platform) &&
    isTextOrAbsent(f.browser_name) && isTextOrAbsent(f.browser_ver) && isTextOrAbsent(f.book_id) &&
    isTextOrAbsent(f.status_explain)
  );
}

/** `undelivered`: the SMTP code decides (5xx hard, 4xx soft, otherwise undetermined). */
function bounceFromCode(code: number | undefined): BounceKind {
  if (code === undefined) return 'undetermined';
  if (code >= 500) return 'hard';
  if (code >= 400) return 'soft';
  return 'undetermined';
}

/** Makes this provider's events (see eventConstructorFor). */
const SendpulseEvent = eventConstructorFor('sendpulse');

/**
 * Starts an event with the fields every SendPulse event shares. Each optional field is set by its own named
 * store, so events keep a few stable hidden classes.
 */
function startSendpulseEvent(
  type: EmailEvent['type'],
  id: string,
  f: SendpulseFields,
  recipient: string | undefined,
  instant: number | undefined,
): EventDraft {
  const event = new SendpulseEvent(type, id, recipient, instant === undefined ? undefined : new Date(instant));
  const messageId = readText(f.message_id);
  if (messageId !== undefined) event.messageId = messageId;
  const sender = readText(f.sender);
  if (sender !== undefined) event.sender = sender;
  const subject = readText(f.subject);
  if (subject !== undefined) event.subject = subject;
  const campaign = readText(f.task_id);
  if (campaign !== undefined) event.campaign = campaign;
  const listId = readText(f.book_id);
  if (listId !== undefined) event.listId = listId;
  const description = readText(f.status_explain);
  if (description !== undefined) event.description = description;
  return event;
}

const ALL_LISTS: ReadonlySet<unknown> = new Set([1, '1', true, 'true']);

/**
 * What an unsubscribe covers: `all` when `from_all` is set (`1`, `"1"`, `true`), else `list` when it names an
 * address book (`book_id`), else unknown.
 */
function unsubscribeScope(f: SendpulseFields): 'all' | 'list' | undefined {
  const fromAll = typeof f.from_all === 'string' ? f.from_all.trim() : f.from_all;
  if (ALL_LISTS.has(fromAll)) return 'all';
  return readText(f.book_id) === undefined ? undefined : 'list';
}

/**
 * The field that names the recipient: `recipient` in the SMTP dialect, `email` in bounce events and the campaign
 * dialect. A blank `recipient` gives way to `email`.
 */
function recipientField(f: SendpulseFields): unknown {
  return readText(f.recipient) !== undefined ? f.recipient : f.email;
}

/** The unix time of an item: `undefined` when absent or blank, `null` when present but unreadable. */
function readInstant(value: unknown): number | undefined | null {
  if (value === undefined || value === null || isBlankText(value)) return undefined;
  const instant = readUnixSeconds(value);
  return instant === undefined ? null : instant;
}

/**
 * Decodes one item: its event goes to `events`. Returns `undefined` then, or, when the item cannot become an event,
 * the schema of the kind it claims to be, which explains why (see `explainBadItem`).
 */
function decodeItem(item: unknown, events: EmailEvent[]): v.GenericSchema | undefined {
  if (!isItem(item)) return sendpulseUnknownItemSchema;
  readFields(item);
  const f = fields;
  if (typeof f.event !== 'string') return sendpulseUnknownItemSchema;
  const name = f.event.trim();
  if (name === '') return sendpulseUnknownItemSchema;
  const instant = readInstant(f.timestamp);
  const info = nameInfo(name);
  const type = info.type;
  if (type === undefined) {
    if (instant === null) return sendpulseUnknownItemSchema;
    beginSendpulseId(f, info, instant);
    const recipient = mixIdEmail(5, recipientField(f));
    const event = startSendpulseEvent('unknown', endSendpulseId(f, instant), f, recipient, instant);
    event.providerEvent = name;
    event.raw = item;
    events[events.length] = event as unknown as EmailEvent;
    return undefined;
  }
  const sent = recipientField(f);
  const schema = sent === f.recipient ? sendpulseSmtpItemSchema : sendpulseEmailItemSchema;
  if (instant === null || !f.allText) return schema;
  beginSendpulseId(f, info, instant);
  const recipient = mixIdEmail(5, sent);
  if (recipient === undefined) return schema;
  const event = startSendpulseEvent(type, endSendpulseId(f, instant), f, recipient, instant);
  // `raw` goes last, stored in each case's own line: one store shared by every kind of event (finishEvent's)
  // sees more object shapes than the engine keeps apart, and falls back to a generic store that looks up the
  // shape transition on every event.
  switch (type) {
    case 'delivered': {
      const smtp = toSmtpReply(f.smtp_server_response_code, f.smtp_server_response_subcode, f.smtp_server_response);
      if (smtp !== undefined) event.smtp = smtp;
      event.raw = item;
      break;
    }
    case 'bounced': {
      const smtp = toSmtpReply(f.smtp_server_response_code, f.smtp_server_response_subcode, f.smtp_server_response);
      event.bounce = info.bounce ?? bounceFromCode(smtp?.code);
      if (smtp !== undefined) event.smtp = smtp;
      event.raw = item;
      break;
    }
    case 'opened': {
      const client = toEmailClient(f.browser_name, f.open_platform, f.open_device, f.browser_ver);
      if (client !== undefined) event.client = client;
      event.raw = item;
      break;
    }
    case 'clicked': {
      const client = toEmailClient(f.browser_name, f.open_platform, f.open_device, f.browser_ver);
      if (client !== undefined) event.client = client;
      const url = readText(f.link_url) ?? readText(f.url);
      if (url !== undefined) event.url = url;
      event.raw = item;
      break;
    }
    case 'unsubscribed': {
      const reason = readText(f.reason);
      if (reason !== undefined) event.reason = reason;
      const source = readText(f.source);
      if (source !== undefined) event.source = source;
      const scope = unsubscribeScope(f);
      if (scope !== undefined) event.scope = scope;
      event.raw = item;
      break;
    }
    case 'complained': {
      const reason = readText(f.reason);
      if (reason !== undefined) event.reason = reason;
      const source = readText(f.source);
      if (source !== undefined) event.source = source;
      event.raw = item;
      break;
    }
    case 'subscribed': {
      const source = readText(f.source);
      if (source !== undefined) event.source = source;
      event.raw = item;
      break;
    }
    default:
      event.raw = item;
  }
  // An indexed store, not `push`: the engine inlines it, where `push` on an array it cannot see the shape of is a call.
  events[events.length] = event as unknown as EmailEvent;
  return undefined;
}

function decodeItems(items: readonly unknown[], single: boolean, context: DecodeContext): void {
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const schema = decodeItem(item, context.events);
    if (schema !== undefined) context.reject(explainBadItem(schema, item, single ? [] : [index]));
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

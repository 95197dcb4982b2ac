import type { EmailEvent, GeoLocation, SmtpReply } from '../../events.js';
import { WebhookError } from '../../errors.js';
import { toEmailClient } from '../../normalize/client.js';
import { deriveEventId } from '../../normalize/derive-id.js';
import { normalizeEmail } from '../../normalize/email.js';
import { parseSmtpDiagnostic } from '../../normalize/smtp.js';
import { isTextOrAbsent, readText } from '../../normalize/text.js';
import { readUnixSeconds } from '../../normalize/time.js';
import { type EventDraft, finishEvent, setField, startEvent } from '../event-fields.js';
import { explainBadItem } from '../explain-bad-item.js';
import { type Item, type ItemOutcome, isEvent, isItem, readOptionalInstant } from '../item.js';
import type { DecodeContext } from '../provider.js';
import { readSingleHeaderAddress } from './header-address.js';
import { MAILGUN_OBJECT_FIELDS, mailgunKnownEventSchema, mailgunUnknownEventSchema } from './schema.js';
import { readTextList } from '../../normalize/text-list.js';
import { readUserVariables } from './user-variables.js';

type KnownType = Exclude<EmailEvent['type'], 'unknown'>;

// `failed` is settled per event below. A Map: names come from the body.
const EVENT_TYPES: ReadonlyMap<string, KnownType> = new Map([
  ['accepted', 'queued'],
  ['rejected', 'rejected'],
  ['delivered', 'delivered'],
  ['failed', 'bounced'],
  ['opened', 'opened'],
  ['clicked', 'clicked'],
  ['unsubscribed', 'unsubscribed'],
  ['complained', 'complained'],
]);

const ENHANCED_STATUS = /^[245]\.\d{1,3}\.\d{1,3}$/;
const EMPTY: Item = {};

/** A member that should be an object: the object, or an empty one when absent (`null` included). */
function member(parent: Item, key: string): Item {
  const value = parent[key];
  return isItem(value) ? value : EMPTY;
}

/** Whether every member that should be an object is one (or absent), and every text field is text. */
function isWellFormed(data: Item): boolean {
  for (const key of MAILGUN_OBJECT_FIELDS) {
    const value = data[key];
    if (value !== undefined && value !== null && !isItem(value)) return false;
  }
  return (
    isTextOrAbsent(data.id) && isTextOrAbsent(data.severity) && isTextOrAbsent(data.reason) &&
    isTextOrAbsent(data.ip) && isTextOrAbsent(data.url) && readTextList(data.tags) !== null
  );
}

/**
 * The kind of a `failed` event: a suppression (`reason` `suppress-bounce`, `suppress-unsubscribe`, ...) means
 * Mailgun never tried, so it is `rejected`; otherwise `severity` decides: `temporary` is `deferred` (Mailgun
 * retries), `permanent` a hard bounce, anything else a bounce of undetermined kind.
 */
function failedType(data: Item): 'rejected' | 'deferred' | 'bounced' {
  const reason = readText(data.reason);
  if (reason !== undefined && reason.startsWith('suppress-')) return 'rejected';
  return readText(data.severity) === 'temporary' ? 'deferred' : 'bounced';
}

/** The receiving server's reply from `delivery-status`: `code`, `enhanced-code` (or one found in the message). */
function smtpReply(status: Item): SmtpReply | undefined {
  const reply = parseSmtpDiagnostic(status.message) ?? {};
  const code = status.code;
  if (typeof code === 'number' && Number.isInteger(code) && code >= 200 && code <= 599) reply.code = code;
  const enhanced = readText(status['enhanced-code']);
  if (enhanced !== undefined && ENHANCED_STATUS.test(enhanced)) reply.enhancedStatus = enhanced;
  return reply.code === undefined && reply.enhancedStatus === undefined && reply.text === undefined ? undefined : reply;
}

function geoLocation(geo: Item): GeoLocation | undefined {
  const location: GeoLocation = {};
  const country = readText(geo.country);
  const region = readText(geo.region);
  const city = readText(geo.city);
  if (country !== undefined) location.country = country;
  if (region !== undefined) location.region = region;
  if (city !== undefined) location.city = city;
  return country === undefined && region === undefined && city === undefined ? undefined : location;
}

/**
 * The recipient: `recipient`; for a `rejected` event, which may lack it (Mailgun refused the message before
 * looking at recipients), the single address of the message's `To` header, as django-anymail does.
 */
function recipientOf(data: Item, name: string): string | undefined {
  const recipient = normalizeEmail(data.recipient);
  if (recipient !== undefined || name !== 'rejected' || data.recipient !== undefined) return recipient;
  return readSingleHeaderAddress(member(member(data, 'message'), 'headers').to);
}

function startMailgunEvent(
  type: EmailEvent['type'], name: string, data: Item, recipient: string | undefined, instant: number | undefined,
): EventDraft {
  const headers = member(member(data, 'message'), 'headers');
  // Without `id`, an id derived from the normalized values that identify the event.
  const id =
    readText(data.id) ??
    deriveEventId([
      'mailgun', name, instant, readText(headers['message-id']), recipient?.toLowerCase(), readText(data.severity),
      readText(data.reason), readText(data.url),
    ]);
  const event = startEvent(type, 'mailgun', id, recipient, instant);
  setField(event, 'messageId', readText(headers['message-id']));
  setField(event, 'sender', normalizeEmail(member(data, 'envelope').sender));
  setField(event, 'subject', readText(headers.subject));
  setField(event, 'tags', readTextList(data.tags) ?? undefined);
  setField(event, 'metadata', readUserVariables(data['user-variables']));
  return event;
}

function decodeEventData(data: unknown): ItemOutcome {
  if (!isItem(data) || typeof data.event !== 'string') return mailgunUnknownEventSchema;
  const name = data.event.trim();
  if (name === '') return mailgunUnknownEventSchema;
  const instant = readOptionalInstant(data.timestamp, readUnixSeconds);
  const known = EVENT_TYPES.get(name);
  if (known === undefined) {
    if (instant === null || !isTextOrAbsent(data.id)) return mailgunUnknownEventSchema;
    const event = startMailgunEvent('unknown', name, data, normalizeEmail(data.recipient), instant);
    event.providerEvent = name;
    return finishEvent(event, data);
  }
  const recipient = recipientOf(data, name);
  if (recipient === undefined || instant === null || !isWellFormed(data)) return mailgunKnownEventSchema;
  const type = name === 'failed' ? failedType(data) : known;
  const event = startMailgunEvent(type, name, data, recipient, instant);
  const status = member(data, 'delivery-status');
  switch (type) {
    case 'delivered':
      setField(event, 'smtp', smtpReply(status));
      setField(event, 'description', readText(status.description));
      break;
    case 'bounced':
    case 'deferred':
      if (type === 'bounced') event.bounce = readText(data.severity) === 'permanent' ? 'hard' : 'undetermined';
      setField(event, 'smtp', smtpReply(status));
      setField(event, 'reason', readText(data.reason));
      setField(event, 'description', readText(status.description));
      break;
    case 'rejected': {
      const reject = member(data, 'reject');
      setField(event, 'reason', readText(reject.reason) ?? readText(data.reason));
      setField(event, 'description', readText(reject.description) ?? readText(status.description));
      break;
    }
    case 'opened':
    case 'clicked':
    case 'unsubscribed':
    case 'complained': {
      const client = member(data, 'client-info');
      setField(event, 'ip', readText(data.ip));
      setField(event, 'geo', geoLocation(member(data, 'geolocation')));
      setField(event, 'client', toEmailClient(client['client-name'], client['client-os'], client['device-type']));
      setField(event, 'userAgent', readText(client['user-agent']));
      if (type === 'clicked') setField(event, 'url', readText(data.url));
      break;
    }
    case 'queued':
      break;
  }
  return finishEvent(event, data);
}

/**
 * Decodes a Mailgun webhook body: one object whose `event-data` is the event (the `signature` block is checked by
 * the signature scheme, not here). Issues point into `event-data`.
 * @param body A parsed body.
 * @param context Where the event or the issue goes.
 * @throws {WebhookError} `invalid_payload` when the body is not an object with `event-data`.
 */
export function decodeMailgun(body: unknown, context: DecodeContext): void {
  if (!isItem(body) || body['event-data'] === undefined) {
    throw new WebhookError('invalid_payload', 'a Mailgun body is one object with "event-data" and "signature"');
  }
  const data = body['event-data'];
  const outcome = decodeEventData(data);
  if (isEvent(outcome)) context.events.push(outcome);
  else context.reject(explainBadItem(outcome, data, ['event-data']));
}

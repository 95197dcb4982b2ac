import type { BounceKind, EmailClient, SmtpReply } from '../../events.js';
import { assertWritableSpec, isDecimalInteger, wholeSeconds } from '../../testing/spec-fields.js';
import { IntegerLiteral, type WireValue, writeWireJson } from '../../testing/wire-json.js';
import type { EventSpec, ProviderTestKit } from '../provider.js';

const COMMON = ['recipient', 'occurredAt', 'messageId', 'sender', 'subject', 'campaign'];

// The SMTP service's event name for each type, and the fields SendPulse can carry for it. SendPulse sends no
// event id (the decoder derives one), so `id` is not writable.
const EVENTS: ReadonlyMap<EventSpec['type'], { event: string; fields: ReadonlySet<string> }> = new Map([
  ['delivered', { event: 'delivered', fields: new Set([...COMMON, 'smtp']) }],
  ['bounced', { event: 'undelivered', fields: new Set([...COMMON, 'smtp', 'bounce']) }],
  ['opened', { event: 'opened', fields: new Set([...COMMON, 'client']) }],
  ['clicked', { event: 'clicked', fields: new Set([...COMMON, 'client', 'url']) }],
  ['unsubscribed', { event: 'unsubscribed', fields: new Set([...COMMON, 'reason']) }],
  ['complained', { event: 'spam_by_user', fields: new Set([...COMMON, 'reason']) }],
  ['subscribed', { event: 'resubscribed', fields: new Set([...COMMON, 'source']) }],
  ['unknown', { event: '', fields: new Set([...COMMON, 'providerEvent']) }],
]);

// Every event name the decoder reads as a known type, in either dialect: an `unknown` spec must avoid them.
const KNOWN_NAMES: ReadonlySet<string> = new Set([
  'delivered', 'undelivered', 'hard_bounces', 'soft_bounces', 'opened', 'open', 'clicked', 'redirect',
  'unsubscribed', 'unsubscribe', 'spam_by_user', 'spam', 'resubscribed', 'new_emails',
]);

/** What SendPulse's `undelivered` means for a reply code: 5xx hard, 4xx soft, otherwise undetermined. */
function bounceOfCode(code: number | undefined): BounceKind {
  if (code === undefined || code < 400) return 'undetermined';
  return code >= 500 ? 'hard' : 'soft';
}

/** The event name: `undelivered` when the reply code says the same bounce kind, else the named bounce groups. */
function bounceEvent(bounce: BounceKind, smtp: SmtpReply | undefined): string {
  if (bounceOfCode(smtp?.code) === bounce) return 'undelivered';
  if (bounce === 'undetermined') throw new TypeError(`SendPulse cannot write an undetermined bounce with code ${smtp?.code}`);
  return bounce === 'hard' ? 'hard_bounces' : 'soft_bounces';
}

function eventName(spec: EventSpec): string {
  if (spec.type === 'bounced') return bounceEvent(spec.bounce ?? 'hard', spec.smtp);
  if (spec.type !== 'unknown') return EVENTS.get(spec.type)!.event;
  const name = spec.providerEvent?.trim() ?? '';
  if (name === '' || KNOWN_NAMES.has(name)) {
    throw new TypeError(`SendPulse cannot write an unknown event named ${JSON.stringify(spec.providerEvent)}`);
  }
  return name;
}

/** Ids SendPulse sends as numbers stay exact integer literals; other text is sent as a string. */
function idValue(id: string | undefined): WireValue {
  return id !== undefined && isDecimalInteger(id) ? new IntegerLiteral(id) : id;
}

function writeItem(spec: EventSpec): Record<string, WireValue> {
  const smtp = 'smtp' in spec ? spec.smtp : undefined;
  const client = 'client' in spec ? (spec.client as EmailClient | undefined) : undefined;
  if (client?.version !== undefined) throw new TypeError('SendPulse cannot write client.version');
  const detail = spec as EventSpec & { url?: string; reason?: string; source?: string };
  return {
    event: eventName(spec),
    timestamp: spec.occurredAt === undefined ? undefined : wholeSeconds('SendPulse', spec.occurredAt),
    message_id: idValue(spec.messageId),
    task_id: idValue(spec.campaign),
    recipient: spec.recipient,
    sender: spec.sender,
    subject: spec.subject,
    smtp_server_response_code: smtp?.code === undefined ? undefined : String(smtp.code),
    smtp_server_response_subcode: smtp?.enhancedStatus,
    smtp_server_response: smtp?.text,
    link_url: detail.url,
    reason: detail.reason,
    source: detail.source,
    browser_name: client?.name,
    open_platform: client?.platform,
    open_device: client?.device,
  };
}

/**
 * Writes SendPulse bodies for tests: a JSON array of SMTP-service events, unix-second timestamps. SendPulse does
 * not sign, so there is no `signHeaders`.
 */
export const sendpulseTestKit: ProviderTestKit = {
  buildBody(events) {
    const items = events.map((spec) => {
      assertWritableSpec('SendPulse', spec, EVENTS.get(spec.type)?.fields);
      return writeItem(spec);
    });
    return { body: writeWireJson(items), contentType: 'application/json' };
  },
};

import { deriveEventId } from '../../normalize/derive-id.js';
import type { EventSpec, ProviderTestKit } from '../provider.js';
import { RESEND_EVENT_TYPES } from './event-types.js';
import { hmacKeyOf } from './signing-key.js';

// Values Resend's own examples carry, for fields a spec leaves out.
const EXAMPLE_EMAIL_ID = '56761188-7520-42d8-8898-ff6fc54ce618';
const EXAMPLE_TIME = new Date('2024-11-22T23:41:12.126Z');
const EXAMPLE_FROM = 'Acme <onboarding@resend.dev>';
const FAMILIES = ['email.', 'contact.', 'domain.', 'suppression.', 'inbox.'];
const encoder = new TextEncoder();

const COMMON = ['recipient', 'occurredAt', 'id', 'messageId', 'sender', 'subject', 'campaign', 'tags', 'metadata'];
const WRITABLE: Readonly<Record<EventSpec['type'], ReadonlySet<string>>> = {
  queued: new Set(COMMON),
  delivered: new Set(COMMON),
  deferred: new Set(COMMON),
  rejected: new Set([...COMMON, 'reason', 'description']),
  bounced: new Set([...COMMON, 'bounce', 'reason', 'description']),
  opened: new Set(COMMON),
  clicked: new Set([...COMMON, 'url', 'ip', 'userAgent']),
  complained: new Set(COMMON),
  unsubscribed: new Set(),
  subscribed: new Set(),
  unknown: new Set([...COMMON, 'providerEvent']),
};

const TYPE_NAMES = { queued: 'email.sent', delivered: 'email.delivered', deferred: 'email.delivery_delayed', opened: 'email.opened', complained: 'email.complained' } as const;
const BOUNCE_TYPES = { hard: 'Permanent', soft: 'Transient', undetermined: 'Undetermined' } as const;

function assertWritable(spec: EventSpec): void {
  const writable = WRITABLE[spec.type];
  if (writable === undefined || writable.size === 0) throw new TypeError(`Resend sends no ${spec.type} events`);
  for (const key of Object.keys(spec)) {
    if (key !== 'type' && (spec as Record<string, unknown>)[key] !== undefined && !writable.has(key)) {
      throw new TypeError(`Resend cannot write ${key} on a ${spec.type} event`);
    }
  }
}

/** Resend's tags object, from `metadata` and from `tags` written `name:value`; the two must agree. */
function tagsObject(spec: EventSpec): Record<string, string> | undefined {
  let fromTags: Record<string, string> | undefined;
  for (const tag of spec.tags ?? []) {
    const colon = tag.indexOf(':');
    if (colon <= 0) throw new TypeError(`a Resend tag is written name:value, not ${JSON.stringify(tag)}`);
    (fromTags ??= {})[tag.slice(0, colon)] = tag.slice(colon + 1);
  }
  if (fromTags !== undefined && spec.metadata !== undefined && JSON.stringify(fromTags) !== JSON.stringify(spec.metadata)) {
    throw new TypeError('Resend tags and metadata are the same pairs: give them alike, or one of them');
  }
  return fromTags ?? spec.metadata;
}

function typeName(spec: EventSpec): string {
  switch (spec.type) {
    case 'bounced':
      return 'email.bounced';
    case 'clicked':
      return 'email.clicked';
    case 'rejected':
      return spec.description === undefined ? 'email.failed' : 'email.suppressed';
    case 'unknown': {
      const name = spec.providerEvent?.trim() ?? '';
      if (RESEND_EVENT_TYPES.has(name) || !FAMILIES.some((family) => name.startsWith(family) && name.length > family.length)) {
        throw new TypeError(`Resend cannot write an unknown event named ${JSON.stringify(spec.providerEvent)}`);
      }
      return name;
    }
    default:
      return TYPE_NAMES[spec.type as keyof typeof TYPE_NAMES];
  }
}

/** The event-specific member of `data`, where the type has one. */
function kindFields(spec: EventSpec): Record<string, unknown> {
  switch (spec.type) {
    case 'bounced':
      return { bounce: { message: spec.description ?? 'The recipient\'s email provider sent a hard bounce message.', subType: spec.reason ?? 'General', type: BOUNCE_TYPES[spec.bounce ?? 'hard'] } };
    case 'clicked':
      return {
        click: {
          ipAddress: spec.ip,
          link: spec.url ?? 'https://resend.com',
          timestamp: (spec.occurredAt ?? EXAMPLE_TIME).toISOString(),
          userAgent: spec.userAgent,
        },
      };
    case 'rejected':
      return spec.description === undefined
        ? { failed: { reason: spec.reason ?? 'reached_daily_quota' } }
        : { suppressed: { message: spec.description, type: spec.reason ?? 'OnAccountSuppressionList' } };
    default:
      return {};
  }
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Writes Resend webhook bodies and Svix signatures for tests: one event a request, as Resend posts them. */
export const resendTestKit: ProviderTestKit = {
  buildBody(events) {
    if (events.length !== 1) throw new TypeError(`Resend posts one event a request, not ${events.length}`);
    const spec = events[0]!;
    assertWritable(spec);
    const at = (spec.occurredAt ?? EXAMPLE_TIME).toISOString();
    const body = JSON.stringify({
      type: typeName(spec),
      created_at: at,
      data: {
        broadcast_id: spec.campaign,
        created_at: at,
        email_id: spec.messageId ?? EXAMPLE_EMAIL_ID,
        from: spec.sender ?? EXAMPLE_FROM,
        to: spec.recipient === undefined ? undefined : [spec.recipient],
        subject: spec.subject,
        ...kindFields(spec),
        tags: tagsObject(spec),
      },
    });
    return spec.id === undefined
      ? { body, contentType: 'application/json' }
      : { body, contentType: 'application/json', headers: { 'svix-id': spec.id } };
  },
  async signHeaders(body, key, options) {
    const timestamp = String(Math.floor((options?.timestamp ?? new Date()).getTime() / 1000));
    const id = options?.id ?? `msg_${deriveEventId(['resend-test', body, timestamp])}`;
    const mac = await crypto.subtle.sign('HMAC', await hmacKeyOf(key), encoder.encode(`${id}.${timestamp}.${body}`));
    return { 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': `v1,${base64Of(new Uint8Array(mac))}` };
  },
};

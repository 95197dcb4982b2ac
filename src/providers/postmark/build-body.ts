import type { EmailClient, GeoLocation, SmtpReply } from '../../events.js';
import type { EventSpec, ProviderTestKit } from '../provider.js';
import { BOUNCE_TYPES } from './bounce-types.js';

// Values Postmark's own examples carry, for fields a spec leaves out.
const EXAMPLE_MESSAGE_ID = '883953f4-6105-42a2-a16a-77a8eac79483';
const EXAMPLE_TIME = new Date('2019-11-05T16:33:54.907Z');
const EXAMPLE_BOUNCE_ID = '4323372036854775807';
const EXAMPLE_SERVER_ID = 23;
// The ID is written as a bare integer literal (it can be beyond 2^53): a marker holds its place while stringifying.
const ID_MARK = '\u0000postmark-id\u0000';

const COMMON = ['recipient', 'occurredAt', 'messageId', 'sender', 'subject', 'tags', 'metadata', 'listId'];
const WRITABLE: Readonly<Record<EventSpec['type'], ReadonlySet<string>>> = {
  queued: new Set(),
  delivered: new Set([...COMMON, 'smtp']),
  bounced: new Set([...COMMON, 'id', 'bounce', 'smtp', 'description']),
  deferred: new Set([...COMMON, 'id', 'smtp', 'description']),
  rejected: new Set([...COMMON, 'id', 'reason', 'description']),
  complained: new Set([...COMMON, 'id', 'description']),
  opened: new Set([...COMMON, 'ip', 'geo', 'client', 'userAgent']),
  clicked: new Set([...COMMON, 'ip', 'geo', 'client', 'userAgent', 'url']),
  unsubscribed: new Set([...COMMON, 'reason', 'source', 'scope']),
  subscribed: new Set([...COMMON, 'source']),
  unknown: new Set([...COMMON, 'id', 'providerEvent', 'description']),
};

const BOUNCE_TYPE_OF_KIND = { hard: 'HardBounce', soft: 'SoftBounce', undetermined: 'Unknown' } as const;

function assertWritable(spec: EventSpec): void {
  const writable = WRITABLE[spec.type];
  if (writable === undefined || writable.size === 0) throw new TypeError(`Postmark sends no ${spec.type} events`);
  for (const key of Object.keys(spec)) {
    if (key !== 'type' && (spec as Record<string, unknown>)[key] !== undefined && !writable.has(key)) {
      throw new TypeError(`Postmark cannot write ${key} on a ${spec.type} event`);
    }
  }
}

function tagOf(tags: readonly string[] | undefined): string | undefined {
  if (tags === undefined || tags.length === 0) return undefined;
  if (tags.length > 1) throw new TypeError('Postmark carries one Tag a message');
  return tags[0];
}

function idOf(id: string | undefined): string {
  if (id === undefined) return EXAMPLE_BOUNCE_ID;
  if (!/^\d+$/.test(id)) throw new TypeError(`Postmark record IDs are integers, not ${JSON.stringify(id)}`);
  return id;
}

/** The fields every record shares, in the order of Postmark's examples. */
function commonFields(spec: EventSpec): Record<string, unknown> {
  return {
    MessageStream: spec.listId ?? 'outbound',
    MessageID: spec.messageId ?? EXAMPLE_MESSAGE_ID,
    Tag: tagOf(spec.tags),
    Metadata: spec.metadata,
    Subject: spec.subject,
    From: spec.sender,
  };
}

function bounceRecord(spec: EventSpec, recordType: string, bounceType: string, details: string | undefined) {
  return {
    RecordType: recordType,
    ID: ID_MARK,
    Type: bounceType,
    ...commonFields(spec),
    ServerID: EXAMPLE_SERVER_ID,
    Description: spec.description,
    Details: details,
    Email: spec.recipient,
    BouncedAt: (spec.occurredAt ?? EXAMPLE_TIME).toISOString(),
    DumpAvailable: false,
    Inactive: recordType === 'SpamComplaint' || bounceType === 'HardBounce',
    CanActivate: recordType !== 'SpamComplaint',
  };
}

function activityRecord(spec: EventSpec & { ip?: string; geo?: GeoLocation; client?: EmailClient; userAgent?: string; url?: string }) {
  const client = spec.client;
  const geo = spec.geo;
  const hasPosition = geo?.latitude !== undefined && geo.longitude !== undefined;
  return {
    RecordType: spec.type === 'opened' ? 'Open' : 'Click',
    ...commonFields(spec),
    FirstOpen: spec.type === 'opened' ? true : undefined,
    ClickLocation: spec.type === 'clicked' ? 'HTML' : undefined,
    Client: client === undefined ? undefined : {
      Name: client.version === undefined ? client.name : `${client.name} ${client.version}`,
      Family: client.name,
    },
    OS: client?.platform === undefined ? undefined : { Name: client.platform },
    Platform: client?.device,
    UserAgent: spec.userAgent,
    OriginalLink: spec.url,
    Geo: geo === undefined && spec.ip === undefined ? undefined : {
      Country: geo?.country,
      Region: geo?.region,
      City: geo?.city,
      Coords: hasPosition ? `${geo.latitude},${geo.longitude}` : undefined,
      IP: spec.ip,
    },
    ReceivedAt: (spec.occurredAt ?? EXAMPLE_TIME).toISOString(),
    Recipient: spec.recipient,
  };
}

function subscriptionRecord(spec: EventSpec, suppress: boolean, reason: string | null, origin: string | undefined) {
  return {
    RecordType: 'SubscriptionChange',
    ...commonFields(spec),
    ServerID: EXAMPLE_SERVER_ID,
    ChangedAt: (spec.occurredAt ?? EXAMPLE_TIME).toISOString(),
    Recipient: spec.recipient,
    Origin: origin ?? 'Recipient',
    SuppressSending: suppress,
    SuppressionReason: reason,
  };
}

function unknownRecord(spec: Extract<EventSpec, { type: 'unknown' }>) {
  const name = spec.providerEvent?.trim() ?? '';
  const [recordType, detail] = name.split(':', 2) as [string, string | undefined];
  if (recordType === 'Bounce' && detail !== undefined && !BOUNCE_TYPES.has(detail)) {
    return bounceRecord(spec, 'Bounce', detail, undefined);
  }
  if (recordType === 'SubscriptionChange' && (detail === 'HardBounce' || detail === 'SpamComplaint')) {
    if (spec.id !== undefined || spec.description !== undefined) {
      throw new TypeError('Postmark sends no ID and no Description on a SubscriptionChange');
    }
    return subscriptionRecord(spec, true, detail, undefined);
  }
  if (detail !== undefined || name === '' || ['Delivery', 'Bounce', 'SpamComplaint', 'Open', 'Click', 'SubscriptionChange'].includes(name)) {
    throw new TypeError(`Postmark cannot write an unknown event named ${JSON.stringify(spec.providerEvent)}`);
  }
  return {
    RecordType: name,
    ...commonFields(spec),
    ID: spec.id === undefined ? undefined : ID_MARK,
    Description: spec.description,
    Recipient: spec.recipient,
    // A record type Postmark may add later: its time is written where Open and Click records keep theirs.
    ReceivedAt: spec.occurredAt?.toISOString(),
  };
}

function recordOf(spec: EventSpec): Record<string, unknown> {
  const smtpText = (smtp: SmtpReply | undefined) => smtp?.text;
  switch (spec.type) {
    case 'delivered':
      return {
        RecordType: 'Delivery',
        ...commonFields(spec),
        ServerID: EXAMPLE_SERVER_ID,
        Recipient: spec.recipient,
        DeliveredAt: (spec.occurredAt ?? EXAMPLE_TIME).toISOString(),
        Details: smtpText(spec.smtp),
      };
    case 'bounced':
      return bounceRecord(spec, 'Bounce', BOUNCE_TYPE_OF_KIND[spec.bounce ?? 'hard'], smtpText(spec.smtp));
    case 'deferred':
      return bounceRecord(spec, 'Bounce', 'Transient', smtpText(spec.smtp));
    case 'rejected': {
      const type = spec.reason ?? 'BadEmailAddress';
      if (BOUNCE_TYPES.get(type)?.type !== 'rejected') throw new TypeError(`${type} is not a Postmark type of rejection`);
      return bounceRecord(spec, 'Bounce', type, undefined);
    }
    case 'complained':
      return bounceRecord(spec, 'SpamComplaint', 'SpamComplaint', undefined);
    case 'opened':
    case 'clicked':
      return activityRecord(spec);
    case 'unsubscribed':
      if (spec.scope === 'list') throw new TypeError('a Postmark suppression covers the whole stream (scope all)');
      return subscriptionRecord(spec, true, spec.reason ?? 'ManualSuppression', spec.source);
    case 'subscribed':
      return subscriptionRecord(spec, false, null, spec.source);
    default:
      return unknownRecord(spec as Extract<EventSpec, { type: 'unknown' }>);
  }
}

/** Writes Postmark webhook bodies for tests: one record a request, as Postmark posts them. */
export const postmarkTestKit: ProviderTestKit = {
  buildBody(events) {
    if (events.length !== 1) throw new TypeError(`Postmark posts one event a request, not ${events.length}`);
    const spec = events[0]!;
    assertWritable(spec);
    const body = JSON.stringify(recordOf(spec)).replace(JSON.stringify(ID_MARK), idOf('id' in spec ? spec.id : undefined));
    return { body, contentType: 'application/json' };
  },
};

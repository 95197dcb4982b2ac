import type { EmailClient, GeoLocation } from '../../events.js';
import { assertWritableSpec, wholeSeconds } from '../../testing/spec-fields.js';
import { IntegerLiteral, type WireValue, writeWireJson } from '../../testing/wire-json.js';
import type { EventSpec, ProviderTestKit } from '../provider.js';

const COMMON = ['recipient', 'occurredAt', 'id', 'messageId', 'campaign', 'subject'];
const ACTIVITY = [...COMMON, 'ip', 'geo', 'client'];

// The group each type is sent in, and the fields Lingdong can carry for it.
const GROUPS: ReadonlyMap<EventSpec['type'], { group: string; fields: ReadonlySet<string> }> = new Map([
  ['delivered', { group: 'delivered', fields: new Set([...COMMON, 'smtp']) }],
  ['bounced', { group: 'delivered', fields: new Set([...COMMON, 'smtp', 'bounce']) }],
  ['deferred', { group: 'delivered', fields: new Set([...COMMON, 'smtp']) }],
  ['unknown', { group: 'delivered', fields: new Set([...COMMON, 'providerEvent']) }],
  ['opened', { group: 'opens', fields: new Set(ACTIVITY) }],
  ['clicked', { group: 'clicks', fields: new Set([...ACTIVITY, 'url']) }],
  ['unsubscribed', { group: 'unsubscriptions', fields: new Set([...ACTIVITY, 'reason', 'source']) }],
  ['complained', { group: 'complaints', fields: new Set([...ACTIVITY, 'reason', 'source']) }],
  ['subscribed', { group: 'subscriptions', fields: new Set([...COMMON, 'source']) }],
]);

const BOUNCE_STATUS = { hard: 'bounce:hard', soft: 'bounce:soft', undetermined: 'bounce:undetermined' } as const;

// Lingdong's ids are 17-digit integers; generated ones stay in that range and beyond 2^53.
const FIRST_GENERATED_ID = 22201606000000001n;

const shanghaiClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Lingdong's wall-clock text, `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai. */
function lingdongTime(instant: Date): string {
  wholeSeconds('Lingdong', instant);
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of shanghaiClock.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

function location(geo: GeoLocation | undefined): string | undefined {
  if (geo?.country === undefined && geo?.region === undefined && geo?.city === undefined) return undefined;
  return `${geo.country ?? ''}/${geo.region ?? ''}/${geo.city ?? ''}`;
}

function clientFields(client: EmailClient | undefined): Record<string, WireValue> {
  if (client?.version !== undefined) throw new TypeError('Lingdong cannot write client.version');
  return { client: client?.name, platform: client?.platform, device: client?.device };
}

function deliveryStatus(spec: EventSpec): string {
  if (spec.type === 'delivered') return 'success';
  if (spec.type === 'bounced') return BOUNCE_STATUS[spec.bounce ?? 'hard'];
  if (spec.type === 'deferred') return 'deferred';
  if (spec.type !== 'unknown') throw new TypeError(`${spec.type} is not a Lingdong delivery record`);
  const status = spec.providerEvent?.trim() ?? '';
  // `success`, `deferred` and `bounce:*` are statuses the decoder knows: they would not come back as `unknown`.
  if (status === '' || status === 'success' || status === 'deferred' || status.startsWith('bounce:')) {
    throw new TypeError(`Lingdong cannot write an unknown event named ${JSON.stringify(spec.providerEvent)}`);
  }
  return status;
}

function writeItem(spec: EventSpec, index: number, group: string): Record<string, WireValue> {
  const id = new IntegerLiteral(spec.id ?? String(FIRST_GENERATED_ID + BigInt(index)));
  const time = spec.occurredAt === undefined ? undefined : lingdongTime(spec.occurredAt);
  const item: Record<string, WireValue> = {
    id,
    campaign: spec.campaign,
    subject: spec.subject,
    email: spec.recipient,
    mid: spec.messageId,
  };
  if (group === 'delivered') {
    const smtp = 'smtp' in spec ? spec.smtp : undefined;
    const dsn = smtp === undefined ? undefined : (smtp.text ?? [smtp.code, smtp.enhancedStatus].filter((x) => x !== undefined).join(' '));
    return { ...item, status: deliveryStatus(spec), dsn, updated: time, createdAt: time };
  }
  const activity = spec as EventSpec & { ip?: string; geo?: GeoLocation; client?: EmailClient; url?: string; reason?: string; source?: string };
  const geo = activity.geo;
  return {
    ...item,
    ip: activity.ip,
    location: location(geo),
    latitude: geo?.latitude,
    longitude: geo?.longitude,
    ...clientFields(activity.client),
    url: activity.url,
    content: activity.reason,
    source: activity.source,
    createdAt: time,
  };
}

/**
 * Writes Lingdong bodies for tests: one JSON object of groups, ids as bare integer literals, times as
 * `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai. Lingdong does not sign, so there is no `signHeaders`.
 */
export const lingdongTestKit: ProviderTestKit = {
  buildBody(events) {
    const groups = new Map<string, WireValue[]>();
    events.forEach((spec, index) => {
      const place = GROUPS.get(spec.type);
      assertWritableSpec('Lingdong', spec, place?.fields);
      const items = groups.get(place!.group) ?? [];
      items.push(writeItem(spec, index, place!.group));
      groups.set(place!.group, items);
    });
    // An empty batch still names a group, so the body is recognisable as Lingdong's.
    if (groups.size === 0) groups.set('delivered', []);
    return { body: writeWireJson(Object.fromEntries(groups)), contentType: 'application/json' };
  },
};

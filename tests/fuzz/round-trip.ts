/**
 * Round-trip generators: event data first, then the provider payload that carries it, and the event the
 * contract says it decodes to. The expected events are written from the contract's rules, field by field.
 */
import fc from 'fast-check';
import { BareInteger, Members, type TextValue } from './json-text.js';
import { bigIntegerLiteral, blankText, cleanText, goodEmail, LINGDONG_GROUPS, SENDPULSE_EVENTS, SENDPULSE_UNKNOWN_EVENTS } from './arbitraries.js';

/** One generated item: how it is sent, and what must come out. */
export interface RoundTripItem {
  /** The item as written into the body. */
  item: Members;
  /** The item as `raw` must hold it: big integers as their digit strings. */
  raw: Record<string, unknown>;
  /** The event without `raw`; `id` is `undefined` when the id is derived (checked for form, not value). */
  expected: Record<string, unknown>;
}

/** A generated body with its items in decoding order. */
export interface RoundTripBody {
  body: TextValue;
  items: RoundTripItem[];
  timeZone: string | undefined;
  /**
   * The provider to name in the options, when the body need not name it itself: a SendPulse item may carry only
   * `event: "delivered"` and an address, which other providers send too, so detection rightly claims no provider.
   */
  provider?: 'sendpulse';
}

function lossless(value: TextValue): unknown {
  if (value instanceof BareInteger) return value.digits;
  return value;
}

type Entry = readonly [string, TextValue];

/** Builds the written item, its `raw` form, from the present entries. */
function itemOf(entries: readonly (Entry | null)[]): { item: Members; raw: Record<string, unknown> } {
  const present = entries.filter((entry): entry is Entry => entry !== null);
  return {
    item: new Members(present),
    raw: Object.fromEntries(present.map(([key, value]) => [key, lossless(value)])),
  };
}

/** Text that is kept (trimmed already) or blank (becomes absent). */
const optionalText = fc.option(fc.oneof({ weight: 3, arbitrary: cleanText }, { weight: 1, arbitrary: blankText }), { freq: 2 });

/** What the contract makes of a free-text field. */
function textOf(value: TextValue | undefined): string | undefined {
  if (value instanceof BareInteger) return value.digits;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  return value.trim() === '' ? undefined : value.trim();
}

function setIf(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

/** An id sent as a number, a big bare literal or a digit string. */
const sentId = fc.oneof(
  fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }).map((n): TextValue => n),
  bigIntegerLiteral.map((digits): TextValue => new BareInteger(digits)),
  fc.nat().map((n): TextValue => String(n)),
);

function idText(value: TextValue): string {
  return value instanceof BareInteger ? value.digits : String(value).trim();
}

/** An SMTP code, basic status and text, as SendPulse sends them. */
const smtpParts = fc.record({
  code: fc.option(fc.oneof(fc.integer({ min: 200, max: 599 }), fc.integer({ min: 200, max: 599 }).map(String), fc.constant('')), { freq: 3 }),
  subcode: fc.option(fc.oneof(fc.stringMatching(/^[245]\.\d{1,3}\.\d{1,3}$/), fc.constant('')), { freq: 3 }),
  text: optionalText,
});

const BOUNCE_BY_NAME: Readonly<Record<string, string>> = { hard_bounces: 'hard', soft_bounces: 'soft' };
const SENDPULSE_TYPE: ReadonlyMap<string, string> = new Map([
  ['delivered', 'delivered'], ['undelivered', 'bounced'], ['hard_bounces', 'bounced'], ['soft_bounces', 'bounced'],
  ['opened', 'opened'], ['open', 'opened'], ['clicked', 'clicked'], ['redirect', 'clicked'],
  ['unsubscribed', 'unsubscribed'], ['unsubscribe', 'unsubscribed'], ['spam_by_user', 'complained'], ['spam', 'complained'],
  ['resubscribed', 'subscribed'], ['new_emails', 'subscribed'],
]);

/** One SendPulse event, in the SMTP or the campaign dialect. */
export const sendpulseRoundTripItem: fc.Arbitrary<RoundTripItem> = fc
  .record({
    name: fc.constantFrom(...SENDPULSE_EVENTS, ...SENDPULSE_UNKNOWN_EVENTS),
    campaignDialect: fc.boolean(),
    recipientKey: fc.constantFrom('recipient', 'email'),
    email: fc.option(goodEmail, { freq: 8 }),
    seconds: fc.option(fc.integer({ min: 946684800, max: 4102444799 }), { freq: 4 }),
    messageId: fc.option(sentId, { freq: 2 }),
    taskId: fc.option(fc.nat(), { freq: 2 }),
    sender: optionalText,
    subject: optionalText,
    smtp: smtpParts,
    linkUrl: optionalText,
    url: optionalText,
    reason: optionalText,
    source: optionalText,
    browser: optionalText,
    platform: optionalText,
    device: optionalText,
    extra: fc.option(fc.tuple(fc.constantFrom('browser_ver', 'link_id', 'book_id', 'from_all', 'status_explain', 'categories'), fc.oneof(cleanText, fc.constantFrom('1', ' 1 ', 'true', '0')))),
  })
  .filter(({ name, email }) => email !== null || !SENDPULSE_TYPE.has(name))
  .map((g) => {
    const dialectNumber = (n: number): TextValue => (g.campaignDialect ? String(n) : n);
    const { item, raw } = itemOf([
      ['event', g.name],
      g.seconds === null ? null : ['timestamp', dialectNumber(g.seconds)],
      g.email === null ? null : [g.recipientKey, g.email.text],
      g.messageId === null ? null : ['message_id', g.messageId],
      g.taskId === null ? null : ['task_id', dialectNumber(g.taskId)],
      g.sender === null ? null : ['sender', g.sender],
      g.subject === null ? null : ['subject', g.subject],
      g.smtp.code === null ? null : ['smtp_server_response_code', g.smtp.code],
      g.smtp.subcode === null ? null : ['smtp_server_response_subcode', g.smtp.subcode],
      g.smtp.text === null ? null : ['smtp_server_response', g.smtp.text],
      g.linkUrl === null ? null : ['link_url', g.linkUrl],
      g.url === null ? null : ['url', g.url],
      g.reason === null ? null : ['reason', g.reason],
      g.source === null ? null : ['source', g.source],
      g.browser === null ? null : ['browser_name', g.browser],
      g.platform === null ? null : ['open_platform', g.platform],
      g.device === null ? null : ['open_device', g.device],
      g.extra,
    ]);
    const type = SENDPULSE_TYPE.get(g.name) ?? 'unknown';
    const expected: Record<string, unknown> = { type, provider: 'sendpulse', id: undefined };
    setIf(expected, 'recipient', g.email?.normalized);
    expected.occurredAt = g.seconds === null ? undefined : new Date(g.seconds * 1000);
    setIf(expected, 'messageId', g.messageId === null ? undefined : textOf(g.messageId));
    setIf(expected, 'sender', textOf(g.sender ?? undefined));
    setIf(expected, 'subject', textOf(g.subject ?? undefined));
    setIf(expected, 'campaign', g.taskId === null ? undefined : String(g.taskId));
    const [extraKey, extraText] = g.extra ?? [undefined, undefined];
    const extraValue = textOf(extraText);
    if (extraKey === 'book_id') setIf(expected, 'listId', extraValue);
    if (extraKey === 'status_explain') setIf(expected, 'description', extraValue);
    if (type === 'delivered' || type === 'bounced') {
      const smtp: Record<string, unknown> = {};
      const code = textOf(g.smtp.code ?? undefined);
      setIf(smtp, 'code', code === undefined ? undefined : Number(code));
      setIf(smtp, 'enhancedStatus', textOf(g.smtp.subcode ?? undefined));
      setIf(smtp, 'text', textOf(g.smtp.text ?? undefined));
      if (type === 'bounced') {
        const byCode = code === undefined ? 'undetermined' : Number(code) >= 500 ? 'hard' : Number(code) >= 400 ? 'soft' : 'undetermined';
        expected.bounce = BOUNCE_BY_NAME[g.name] ?? byCode;
      }
      if (Object.keys(smtp).length > 0) expected.smtp = smtp;
    }
    if (type === 'opened' || type === 'clicked') {
      const client: Record<string, unknown> = {};
      setIf(client, 'name', textOf(g.browser ?? undefined));
      setIf(client, 'platform', textOf(g.platform ?? undefined));
      setIf(client, 'device', textOf(g.device ?? undefined));
      if (extraKey === 'browser_ver') setIf(client, 'version', extraValue);
      if (Object.keys(client).length > 0) expected.client = client;
      if (type === 'clicked') setIf(expected, 'url', textOf(g.linkUrl ?? undefined) ?? textOf(g.url ?? undefined));
    }
    if (type === 'unsubscribed' || type === 'complained') setIf(expected, 'reason', textOf(g.reason ?? undefined));
    if (type === 'unsubscribed' || type === 'complained' || type === 'subscribed') setIf(expected, 'source', textOf(g.source ?? undefined));
    if (type === 'unsubscribed') {
      // `from_all` set means every list; an address book named means that list.
      if (extraKey === 'from_all' && (extraValue === '1' || extraValue === 'true')) expected.scope = 'all';
      else if (extraKey === 'book_id' && extraValue !== undefined) expected.scope = 'list';
    }
    if (type === 'unknown') expected.providerEvent = g.name;
    return { item, raw, expected };
  });

/** A SendPulse batch (or one bare object) of round-trip items. */
export const sendpulseRoundTrip: fc.Arbitrary<RoundTripBody> = fc
  .tuple(fc.array(sendpulseRoundTripItem, { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([items, bare]) => ({
    body: bare && items.length === 1 ? items[0]!.item : items.map((entry) => entry.item),
    items,
    timeZone: undefined,
    provider: 'sendpulse' as const,
  }));

// ---------------------------------------------------------------------------------------------------------
// Lingdong

/** Zones with one fixed offset since 1992, so the expected instant is wall clock minus that offset. */
const FIXED_ZONES: readonly (readonly [string | undefined, number])[] = [
  [undefined, 480], // the default, Asia/Shanghai
  ['UTC', 0],
  ['Asia/Kolkata', 330],
  ['Asia/Tokyo', 540],
];

const wallClock = fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => {
  const seconds = Math.floor(date.getTime() / 1000) * 1000;
  const iso = new Date(seconds).toISOString();
  return { text: `${iso.slice(0, 10)} ${iso.slice(11, 19)}`, wall: seconds };
});

/** A `dsn` text and the SMTP reply the contract reads out of it. */
const dsn = fc.oneof(
  fc.tuple(fc.integer({ min: 200, max: 599 }), fc.constantFrom('ok', 'ok: Message 1758717523 accepted', 'mailbox full')).map(([code, text]) => ({
    dsn: `smtp;${code} ${text}`,
    smtp: { code, text: `smtp;${code} ${text}` },
  })),
  fc.tuple(fc.stringMatching(/^[245]\.\d{1,3}\.\d{1,3}$/), fc.constantFrom('bad destination system: no such domain', 'user unknown')).map(([status, reason]) => {
    const text = `Action: failed | Status: ${status} (${reason})`;
    return { dsn: text, smtp: { enhancedStatus: status, text } };
  }),
  fc.tuple(fc.integer({ min: 200, max: 599 }), fc.stringMatching(/^[245]\.\d{1,3}\.\d{1,3}$/)).map(([code, status]) => {
    const text = `${code} ${status} user unknown`;
    return { dsn: text, smtp: { code, enhancedStatus: status, text } };
  }),
  fc.stringMatching(/^[a-zA-Z][a-zA-Z ]{0,20}[a-zA-Z]$/).map((text) => ({ dsn: text, smtp: { text } })),
  blankText.map((text) => ({ dsn: text, smtp: undefined })),
);

/** A coordinate as JSON carries it (no negative zero, which JSON writes as `0`). */
function coordinate(limit: number): fc.Arbitrary<number> {
  return fc.double({ min: -limit, max: limit, noNaN: true }).map((n) => (n === 0 ? 0 : n));
}

const locationPart = fc.oneof(cleanText.filter((text) => !text.includes('/')), fc.constantFrom('', ' '));

const LINGDONG_TYPE: Readonly<Record<string, string>> = {
  opens: 'opened',
  clicks: 'clicked',
  unsubscriptions: 'unsubscribed',
  complaints: 'complained',
  subscriptions: 'subscribed',
};
const DELIVERY_STATUS: Readonly<Record<string, readonly [string, string | undefined]>> = {
  success: ['delivered', undefined],
  'bounce:hard': ['bounced', 'hard'],
  'bounce:bad-mailbox': ['bounced', 'hard'],
  'bounce:soft': ['bounced', 'soft'],
  'bounce:spam-block': ['bounced', 'undetermined'],
  deferred: ['deferred', undefined],
};

function lingdongRoundTripItem(group: string, offsetMinutes: number): fc.Arbitrary<RoundTripItem> {
  const delivery = group === 'delivered' || group === 'receipts';
  const activity = LINGDONG_TYPE[group];
  return fc
    .record({
      id: fc.option(sentId, { freq: 4 }),
      email: fc.option(goodEmail, { freq: 8 }),
      createdAt: fc.option(wallClock, { freq: 3 }),
      updated: fc.option(wallClock),
      updatedAt: fc.option(fc.tuple(fc.integer({ min: 946684800000, max: 4102444799999 }), fc.boolean())),
      campaign: optionalText,
      subject: optionalText,
      mid: fc.option(sentId),
      messageId: fc.option(fc.oneof(sentId, cleanText)),
      status: fc.constantFrom(...Object.keys(DELIVERY_STATUS), ' success ', 'deferred', 'bounce:hard '),
      dsn: fc.option(dsn),
      ip: optionalText,
      location: fc.option(fc.array(locationPart, { minLength: 1, maxLength: 4 })),
      latitude: fc.option(fc.oneof(coordinate(90), fc.integer({ min: -90, max: 90 }).map(String))),
      longitude: fc.option(coordinate(180)),
      client: optionalText,
      platform: optionalText,
      device: optionalText,
      url: optionalText,
      source: fc.option(fc.constantFrom('esp', 'isp')),
      content: optionalText,
    })
    .filter((g) => g.email !== null || (activity === undefined && !(delivery && DELIVERY_STATUS[g.status.trim()] !== undefined)))
    .map((g) => {
      const entries: (Entry | null)[] = [
        g.id === null ? null : ['id', g.id],
        g.email === null ? null : ['email', g.email.text],
        g.createdAt === null ? null : ['createdAt', g.createdAt.text],
        g.campaign === null ? null : ['campaign', g.campaign],
        g.subject === null ? null : ['subject', g.subject],
        g.mid === null ? null : ['mid', g.mid],
        g.messageId === null ? null : ['messageId', g.messageId],
      ];
      const expected: Record<string, unknown> = { type: activity ?? 'unknown', provider: 'lingdong', id: g.id === null ? undefined : idText(g.id) };
      setIf(expected, 'recipient', g.email?.normalized);
      let instant: number | undefined = g.createdAt === null ? undefined : g.createdAt.wall - offsetMinutes * 60_000;
      if (activity === undefined) {
        // Delivery records and unknown items: `updatedAt`, else `updated`, else `createdAt`.
        if (g.updated !== null) {
          entries.push(['updated', g.updated.text]);
          instant = g.updated.wall - offsetMinutes * 60_000;
        }
        if (g.updatedAt !== null) {
          const [millis, asText] = g.updatedAt;
          entries.push(['updatedAt', asText ? String(millis) : millis]);
          instant = millis;
        }
      }
      expected.occurredAt = instant === undefined ? undefined : new Date(instant);
      // `mid` first; a delivery record's own `id` is the `mid` of its opens and clicks, so it comes next there.
      const mid = g.mid === null ? undefined : textOf(g.mid);
      const recordId = delivery && g.id !== null ? idText(g.id) : undefined;
      setIf(expected, 'messageId', mid ?? recordId ?? (g.messageId === null ? undefined : textOf(g.messageId)));
      setIf(expected, 'campaign', textOf(g.campaign ?? undefined));
      setIf(expected, 'subject', textOf(g.subject ?? undefined));
      if (delivery) {
        entries.push(['status', g.status]);
        if (g.dsn !== null) entries.push(['dsn', g.dsn.dsn]);
        const known = DELIVERY_STATUS[g.status.trim()];
        if (known === undefined) {
          expected.providerEvent = g.status.trim();
        } else {
          expected.type = known[0];
          setIf(expected, 'bounce', known[1]);
          setIf(expected, 'smtp', g.dsn?.smtp);
        }
      } else if (activity !== undefined) {
        entries.push(
          g.ip === null ? null : ['ip', g.ip],
          g.location === null ? null : ['location', g.location.join('/')],
          g.latitude === null ? null : ['latitude', g.latitude],
          g.longitude === null ? null : ['longitude', g.longitude],
          g.client === null ? null : ['client', g.client],
          g.platform === null ? null : ['platform', g.platform],
          g.device === null ? null : ['device', g.device],
          g.url === null ? null : ['url', g.url],
          g.source === null ? null : ['source', g.source],
          g.content === null ? null : ['content', g.content],
        );
        if (activity !== 'subscribed') {
          setIf(expected, 'ip', textOf(g.ip ?? undefined));
          const geo: Record<string, unknown> = {};
          if (g.location !== null) {
            const parts = g.location;
            setIf(geo, 'country', textOf(parts[0]));
            setIf(geo, 'region', textOf(parts[1]));
            setIf(geo, 'city', textOf(parts.length > 3 ? parts.slice(2).join('/') : parts[2]));
          }
          setIf(geo, 'latitude', g.latitude === null ? undefined : Number(g.latitude));
          setIf(geo, 'longitude', g.longitude ?? undefined);
          if (Object.keys(geo).length > 0) expected.geo = geo;
          const client: Record<string, unknown> = {};
          setIf(client, 'name', textOf(g.client ?? undefined));
          setIf(client, 'platform', textOf(g.platform ?? undefined));
          setIf(client, 'device', textOf(g.device ?? undefined));
          if (Object.keys(client).length > 0) expected.client = client;
        }
        if (activity === 'clicked') setIf(expected, 'url', textOf(g.url ?? undefined));
        if (activity === 'unsubscribed' || activity === 'complained') setIf(expected, 'reason', textOf(g.content ?? undefined));
        if (activity !== 'opened' && activity !== 'clicked') setIf(expected, 'source', g.source ?? undefined);
      } else {
        expected.providerEvent = group;
      }
      return { ...itemOf(entries), expected };
    });
}

/** A Lingdong body of round-trip groups, read in a zone with a fixed offset. */
export const lingdongRoundTrip: fc.Arbitrary<RoundTripBody> = fc.constantFrom(...FIXED_ZONES).chain(([timeZone, offset]) =>
  fc
    .uniqueArray(fc.constantFrom(...LINGDONG_GROUPS, 'forwards'), { minLength: 1, maxLength: 4 })
    // Detection needs one known group; `forwards` (a group Lingdong does not have) only rides along.
    .filter((groups) => groups.some((group) => group !== 'forwards'))
    .chain((groups) => fc.tuple(...groups.map((group) => fc.array(lingdongRoundTripItem(group, offset), { maxLength: 4 }).map((items) => [group, items] as const))))
    .map((groups) => ({
      body: new Members(groups.map(([group, items]) => [group, items.map((entry) => entry.item)] as const)),
      // Lingdong decodes group by group in key order; none of these keys is an array index, so it is insertion order.
      items: groups.flatMap(([, items]) => items),
      timeZone,
    })),
);

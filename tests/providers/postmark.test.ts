import { readdirSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { EmailEvent } from '../../src/events.js';
import { detectProvider, parseWebhook, WebhookError } from '../../src/index.js';
import { postmark } from '../../src/providers/postmark/index.js';
import type { EventSpec } from '../../src/providers/provider.js';
import { basicAuth, send } from '../adapters/support/http.js';
import { ADAPTERS, startAdapter } from '../adapters/support/servers.js';
import { fixtureBytes, fixtureText } from '../helpers/fixtures.js';

/** The one event of a Postmark fixture, without `raw`. */
function one(fixture: string): Omit<EmailEvent, 'raw'> {
  const result = parseWebhook(fixtureBytes(`postmark/${fixture}`));
  expect(result.provider).toBe('postmark');
  expect(result.issues).toEqual([]);
  expect(result.events).toHaveLength(1);
  const { raw, ...event } = result.events[0]!;
  expect(raw).toBeTypeOf('object');
  return event;
}

function decode(record: Record<string, unknown>) {
  return parseWebhook(JSON.stringify(record), { provider: 'postmark' });
}

const SERBIA = { country: 'Serbia', region: 'Autonomna Pokrajina Vojvodina', city: 'Novi Sad', latitude: 45.2517, longitude: 19.8369 };
const CHROME = { name: 'Chrome', version: '35.0.1916.153', platform: 'OS X 10.7 Lion' };
const CHROME_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_7_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/35.0.1916.153 Safari/537.36';
const AB = { a_key: 'a_value', b_key: 'b_value' };

describe("Postmark: the documented examples", () => {
  it('Delivery: a derived id; Details is the receiving server reply', () => {
    expect(one('delivery.json')).toStrictEqual({
      type: 'delivered',
      provider: 'postmark',
      id: 'd3af401aa9ccb67b',
      recipient: 'john@example.com',
      occurredAt: new Date('2019-11-05T16:33:54.907Z'),
      messageId: '883953f4-6105-42a2-a16a-77a8eac79483',
      tags: ['welcome-email'],
      metadata: AB,
      listId: 'outbound',
      smtp: { text: 'Test delivery webhook details' },
    });
  });

  it('Bounce: the ID beyond 2^53 keeps every digit; seven fractional digits truncate to the millisecond', () => {
    expect(one('bounce.json')).toStrictEqual({
      type: 'bounced',
      provider: 'postmark',
      id: '4323372036854775807',
      recipient: 'john@example.com',
      occurredAt: new Date('2019-11-05T16:33:54.907Z'),
      messageId: '883953f4-6105-42a2-a16a-77a8eac79483',
      sender: 'sender@example.com',
      subject: 'Test subject',
      tags: ['Test'],
      metadata: AB,
      listId: 'outbound',
      description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
      bounce: 'hard',
      smtp: { text: 'Test bounce details' },
    });
    // The raw record keeps the exact digits too.
    expect(parseWebhook(fixtureBytes('postmark/bounce.json')).events[0]!.raw.ID).toBe('4323372036854775807');
  });

  it('Bounce with an offset time and an SMTP reply in Details', () => {
    expect(one('bounce-smtp-offset.json')).toStrictEqual({
      type: 'bounced',
      provider: 'postmark',
      id: '901542550',
      recipient: 'bounce@example.com',
      occurredAt: new Date('2016-04-27T20:28:50.396Z'),
      messageId: '2706ee8a-737c-4285-b032-ccd317af53ed',
      sender: 'sender@example.com',
      subject: 'Postmark event test',
      description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
      bounce: 'hard',
      smtp: {
        code: 550,
        enhancedStatus: '5.1.1',
        text: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
      },
    });
  });

  it('SpamComplaint', () => {
    expect(one('spam-complaint.json')).toStrictEqual({
      type: 'complained',
      provider: 'postmark',
      id: '42',
      recipient: 'john@example.com',
      occurredAt: new Date('2019-11-05T16:33:54.907Z'),
      messageId: '00000000-0000-0000-0000-000000000000',
      sender: 'sender@example.com',
      subject: 'Test subject',
      tags: ['Test'],
      metadata: AB,
      listId: 'outbound',
    });
  });

  it('Open: client, geo, IP and user agent', () => {
    expect(one('open.json')).toStrictEqual({
      type: 'opened',
      provider: 'postmark',
      id: 'ad0a5c5827148a5c',
      recipient: 'john@example.com',
      occurredAt: new Date('2019-11-05T16:33:54.907Z'),
      messageId: '883953f4-6105-42a2-a16a-77a8eac79483',
      tags: ['welcome-email'],
      metadata: AB,
      listId: 'outbound',
      ip: '188.2.95.4',
      geo: SERBIA,
      client: { ...CHROME, device: 'WebMail' },
      userAgent: CHROME_UA,
    });
  });

  it('Open: "unknown" client parts and an empty Geo are absent', () => {
    expect(one('open-unknown-client.json')).toStrictEqual({
      type: 'opened',
      provider: 'postmark',
      id: '8c2c0efdd52b2d4f',
      recipient: 'recipient@example.com',
      occurredAt: new Date('2016-04-27T20:21:41.249Z'),
      messageId: 'f4830d10-9c35-4f0c-bca3-3d9b459821f8',
      client: { name: 'Gmail' },
      userAgent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0',
    });
  });

  it('Click: url is OriginalLink', () => {
    expect(one('click.json')).toStrictEqual({
      type: 'clicked',
      provider: 'postmark',
      id: '35ef44a8af965be9',
      recipient: 'john@example.com',
      occurredAt: new Date('2017-10-25T15:21:11.906Z'),
      messageId: '00000000-0000-0000-0000-000000000000',
      tags: ['welcome-email'],
      metadata: AB,
      listId: 'outbound',
      ip: '8.8.8.8',
      geo: SERBIA,
      client: { ...CHROME, device: 'Desktop' },
      userAgent: CHROME_UA,
      url: 'https://example.com',
    });
  });

  it('SubscriptionChange ManualSuppression: unsubscribed from the whole stream', () => {
    expect(one('subscription-change-manual.json')).toStrictEqual({
      type: 'unsubscribed',
      provider: 'postmark',
      id: 'a61f8593f2364181',
      recipient: 'john@example.com',
      occurredAt: new Date('2022-06-05T17:17:32.000Z'),
      messageId: 'a4909a96-73d7-4c49-b148-a54522d3f7ac',
      tags: ['welcome-email'],
      metadata: { example: 'value', example_2: 'value' },
      listId: 'outbound',
      scope: 'all',
      reason: 'ManualSuppression',
      source: 'Recipient',
    });
  });

  it('SubscriptionChange with SuppressSending false: subscribed (reactivated); nulls and {} are absent', () => {
    expect(one('subscription-change-reactivated.json')).toStrictEqual({
      type: 'subscribed',
      provider: 'postmark',
      id: '914a46650531cd31',
      recipient: 'john@example.com',
      occurredAt: new Date('2022-06-05T17:20:01.500Z'),
      listId: 'broadcast',
      source: 'Customer',
    });
  });

  it('SubscriptionChange caused by a hard bounce is not counted again: unknown, SubscriptionChange:HardBounce', () => {
    expect(one('subscription-change-hard-bounce.json')).toStrictEqual({
      type: 'unknown',
      provider: 'postmark',
      id: 'dbb3b930c617f625',
      recipient: 'bounced-address@example.com',
      occurredAt: new Date('2020-02-01T10:53:34.416Z'),
      messageId: '883953f4-6105-42a2-a16a-77a8eac79483',
      tags: ['my-tag'],
      metadata: { example: 'value', example_2: 'value' },
      listId: 'outbound',
      providerEvent: 'SubscriptionChange:HardBounce',
    });
    const complaint = JSON.parse(fixtureText('postmark/subscription-change-hard-bounce.json'));
    complaint.SuppressionReason = 'SpamComplaint';
    expect(decode(complaint).events[0]).toMatchObject({ type: 'unknown', providerEvent: 'SubscriptionChange:SpamComplaint' });
  });
});

describe('Postmark: bounce types', () => {
  it('SoftBounce: soft; a padded, capitalised address and a From with a display name are normalized', () => {
    expect(one('bounce-soft.json')).toStrictEqual({
      type: 'bounced',
      provider: 'postmark',
      id: '4323372036854775808',
      recipient: 'Anna.K@example.org',
      occurredAt: new Date('2024-05-30T07:12:45.123Z'),
      messageId: '0b1c4a77-1d52-4c8e-9a71-6f3a4f7d2e10',
      sender: 'billing@shop.example',
      subject: 'Your invoice #5521',
      tags: ['invoice'],
      metadata: { customer_id: '12345' },
      listId: 'outbound',
      description:
        'Unable to temporarily deliver message (i.e. mailbox full, account disabled, exceeds quota, out of disk space).',
      bounce: 'soft',
      smtp: { code: 452, enhancedStatus: '4.2.2', text: 'smtp;452 4.2.2 The email account that you tried to reach is over quota.' },
    });
  });

  it('Transient: deferred', () => {
    expect(one('bounce-transient.json')).toMatchObject({
      type: 'deferred',
      id: '8542001337',
      recipient: 'delayed@example.com',
      occurredAt: new Date('2024-05-30T09:15:00.000Z'),
      smtp: { code: 421, enhancedStatus: '4.7.0' },
    });
  });

  it('BadEmailAddress: rejected, the Type as reason; an empty Details is absent', () => {
    expect(one('bounce-bad-email-address.json')).toStrictEqual({
      type: 'rejected',
      provider: 'postmark',
      id: '8542001339',
      recipient: 'nobody@example.com',
      occurredAt: new Date('2024-05-30T09:25:00.000Z'),
      messageId: '5d0a2f1e-6c3b-4f43-8f0e-1a2b3c4d5e71',
      sender: 'sender@example.com',
      subject: 'Postmark event test',
      listId: 'outbound',
      description: 'The address is not a valid email address.',
      reason: 'BadEmailAddress',
    });
  });

  it('AutoResponder: unknown, Bounce:AutoResponder, with Details as description', () => {
    expect(one('bounce-autoresponder.json')).toMatchObject({
      type: 'unknown',
      providerEvent: 'Bounce:AutoResponder',
      id: '8542001338',
      recipient: 'away@example.com',
      description: 'Automatic email responder (ex: "Out of Office" or "On Vacation").',
    });
  });

  it('every documented Type, as the README states', () => {
    const expected: [string, Record<string, unknown>][] = [
      ['HardBounce', { type: 'bounced', bounce: 'hard' }],
      ['SoftBounce', { type: 'bounced', bounce: 'soft' }],
      ['Unknown', { type: 'bounced', bounce: 'undetermined' }],
      ['VirusNotification', { type: 'bounced', bounce: 'undetermined' }],
      ['Blocked', { type: 'bounced', bounce: 'undetermined' }],
      ['Transient', { type: 'deferred' }],
      ['DnsError', { type: 'deferred' }],
      ['SpamComplaint', { type: 'complained' }],
      ['SpamNotification', { type: 'complained' }],
      ['Unsubscribe', { type: 'unsubscribed' }],
      ['Subscribe', { type: 'subscribed' }],
      ['BadEmailAddress', { type: 'rejected', reason: 'BadEmailAddress' }],
      ['ManuallyDeactivated', { type: 'rejected', reason: 'ManuallyDeactivated' }],
      ['Unconfirmed', { type: 'rejected', reason: 'Unconfirmed' }],
      ['SMTPApiError', { type: 'rejected', reason: 'SMTPApiError' }],
      ['DMARCPolicy', { type: 'rejected', reason: 'DMARCPolicy' }],
      ['TemplateRenderingFailed', { type: 'rejected', reason: 'TemplateRenderingFailed' }],
      ['AutoResponder', { type: 'unknown', providerEvent: 'Bounce:AutoResponder' }],
      ['AddressChange', { type: 'unknown', providerEvent: 'Bounce:AddressChange' }],
      ['ChallengeVerification', { type: 'unknown', providerEvent: 'Bounce:ChallengeVerification' }],
      ['OpenRelayTest', { type: 'unknown', providerEvent: 'Bounce:OpenRelayTest' }],
      ['InboundError', { type: 'unknown', providerEvent: 'Bounce:InboundError' }],
      ['SomethingNew', { type: 'unknown', providerEvent: 'Bounce:SomethingNew' }],
    ];
    for (const [bounceType, meaning] of expected) {
      const { events, issues } = decode({ RecordType: 'Bounce', ID: 7, Type: bounceType, Email: 'a@example.com', BouncedAt: '2024-01-01T00:00:00Z' });
      expect(issues).toEqual([]);
      expect({ bounceType, ...events[0] }).toMatchObject({ bounceType, id: '7', ...meaning });
    }
    const untyped = decode({ RecordType: 'Bounce', ID: 8, Email: 'a@example.com' }).events[0];
    expect(untyped).toMatchObject({ type: 'bounced', bounce: 'undetermined', occurredAt: undefined });
  });
});

describe('Postmark: ids', () => {
  it('a derived id comes from normalized values: another spelling of the same delivery gets the same id', () => {
    const record = JSON.parse(fixtureText('postmark/delivery.json'));
    const respelled = { ...record, Recipient: ' john@EXAMPLE.com ', DeliveredAt: '2019-11-05T11:33:54.9079999-05:00', Details: 'other' };
    expect(decode(respelled).events[0]!.id).toBe('d3af401aa9ccb67b');
    expect(decode({ ...record, DeliveredAt: '2019-11-05T16:33:55Z' }).events[0]!.id).not.toBe('d3af401aa9ccb67b');
  });

  it('a second open of the same message is another event', () => {
    const record = JSON.parse(fixtureText('postmark/open.json'));
    const again = decode({ ...record, FirstOpen: false, ReceivedAt: '2019-11-05T17:00:00Z' }).events[0]!;
    expect(again.id).not.toBe('ad0a5c5827148a5c');
  });

  it('an ID that is not an integer makes the record an issue', () => {
    const { events, issues } = decode({ RecordType: 'Bounce', ID: 4.5, Email: 'a@example.com' });
    expect(events).toEqual([]);
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([[['ID'], 'not an integer id']]);
  });
});

describe('Postmark: bad records', () => {
  it('a time without a zone is an issue, never a guess', () => {
    const { events, issues } = parseWebhook(fixtureBytes('postmark/bad-time.json'));
    expect(events).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(['ReceivedAt']);
    expect(issues[0]!.message).toBe('not a readable time (expected ISO 8601 with a zone, e.g. 2019-11-05T16:33:54.9070259Z)');
  });

  it('times outside 2000..2100 or not real are issues', () => {
    for (const time of ['1970-01-01T00:00:00Z', '2150-01-01T00:00:00Z', '2019-02-30T00:00:00Z', '2019-11-05', 1573000000]) {
      const { events, issues } = decode({ RecordType: 'Click', Recipient: 'a@example.com', ReceivedAt: time });
      expect([events.length, issues[0]?.path], String(time)).toEqual([0, ['ReceivedAt']]);
    }
  });

  it('a recipient that is not an address is an issue; strict mode throws', () => {
    const { issues } = parseWebhook(fixtureBytes('postmark/bad-recipient.json'));
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([[['Recipient'], 'not an email address']]);
    expect(() => parseWebhook(fixtureBytes('postmark/bad-recipient.json'), { strict: true })).toThrow(WebhookError);
  });

  it('a SubscriptionChange without a boolean SuppressSending is an issue', () => {
    const { issues } = decode({ RecordType: 'SubscriptionChange', Recipient: 'a@example.com', SuppressSending: 'yes' });
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([[['SuppressSending'], 'expected true or false']]);
  });

  it('another RecordType passes through as unknown', () => {
    expect(decode({ RecordType: 'Inbound', MessageID: 'x' }).events[0]).toMatchObject({ type: 'unknown', providerEvent: 'Inbound' });
  });

  it('an array or an object without RecordType is not Postmark', () => {
    expect(() => decode([] as unknown as Record<string, unknown>)).toThrow(WebhookError);
    expect(() => parseWebhook('{"MessageID":"x"}', { provider: 'postmark' })).toThrow('a Postmark body is one JSON object with a RecordType');
  });
});

describe('Postmark: detection', () => {
  it('claims every Postmark fixture, and only Postmark does', () => {
    const files = readdirSync(new URL('../../fixtures/postmark/', import.meta.url)).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect([file, detectProvider(JSON.parse(fixtureText(`postmark/${file}`)))]).toEqual([file, 'postmark']);
  });
});

describe('Postmark: test kit', () => {
  const kit = postmark.testKit!;
  const at = new Date('2024-05-30T09:00:00.123Z');
  const specs: EventSpec[] = [
    { type: 'delivered', recipient: 'a@example.com', occurredAt: at, tags: ['welcome'], metadata: { user: '7' }, smtp: { code: 250, text: 'smtp;250 2.0.0 OK' } },
    { type: 'bounced', recipient: 'b@example.com', occurredAt: at, id: '9007199254740993', bounce: 'soft', sender: 'from@example.com', subject: 'Hi' },
    { type: 'deferred', recipient: 'c@example.com', occurredAt: at, id: '11' },
    { type: 'rejected', recipient: 'd@example.com', occurredAt: at, id: '12', reason: 'ManuallyDeactivated' },
    { type: 'complained', recipient: 'e@example.com', occurredAt: at, id: '13' },
    { type: 'opened', recipient: 'f@example.com', occurredAt: at, ip: '203.0.113.9', client: { name: 'Firefox', version: '125.0', platform: 'Windows', device: 'Desktop' }, geo: { country: 'Germany', city: 'Berlin', latitude: 52.5, longitude: 13.4 } },
    { type: 'clicked', recipient: 'g@example.com', occurredAt: at, url: 'https://shop.example/x', userAgent: 'UA/1' },
    { type: 'unsubscribed', recipient: 'h@example.com', occurredAt: at, scope: 'all', reason: 'ManualSuppression', source: 'Recipient', listId: 'broadcast' },
    { type: 'subscribed', recipient: 'i@example.com', occurredAt: at, source: 'Customer' },
    { type: 'unknown', recipient: 'j@example.com', occurredAt: at, id: '14', providerEvent: 'Bounce:AutoResponder' },
    { type: 'unknown', recipient: 'k@example.com', occurredAt: at, providerEvent: 'SubscriptionChange:HardBounce' },
    { type: 'unknown', recipient: 'l@example.com', occurredAt: at, providerEvent: 'Inbound', description: 'a new kind' },
    { type: 'bounced', recipient: 'm@example.com', occurredAt: at, bounce: 'undetermined', description: 'Unable to classify the NDR.' },
  ];

  it('round-trips every event type Postmark sends', () => {
    for (const spec of specs) {
      const { body, contentType } = kit.buildBody([spec]);
      expect(contentType).toBe('application/json');
      const { events, issues } = parseWebhook(body);
      expect(issues).toEqual([]);
      expect(events).toHaveLength(1);
      const { raw, ...event } = events[0]!;
      expect(event).toMatchObject({ provider: 'postmark', ...spec });
    }
  });

  it('writes an ID beyond 2^53 as a bare integer literal', () => {
    expect(kit.buildBody([specs[1]!]).body).toContain('"ID":9007199254740993,');
  });

  it('takes exactly one event, and refuses what Postmark cannot carry', () => {
    expect(() => kit.buildBody([])).toThrow(TypeError);
    expect(() => kit.buildBody([specs[0]!, specs[1]!])).toThrow('Postmark posts one event a request, not 2');
    expect(() => kit.buildBody([{ type: 'queued', recipient: 'a@example.com' }])).toThrow(TypeError);
    expect(() => kit.buildBody([{ type: 'delivered', recipient: 'a@example.com', id: '5' }])).toThrow(TypeError);
    expect(() => kit.buildBody([{ type: 'delivered', recipient: 'a@example.com', tags: ['a', 'b'] }])).toThrow(TypeError);
    expect(() => kit.buildBody([{ type: 'unsubscribed', recipient: 'a@example.com', scope: 'list' }])).toThrow(TypeError);
    expect(() => kit.buildBody([{ type: 'delivered', recipient: 'a@example.com', description: 'no such field' }])).toThrow(TypeError);
  });
});

describe.each(ADAPTERS)('Postmark on the %s adapter', (kind) => {
  it('takes a record with the secret as HTTP Basic credentials, as Postmark sends them, and refuses it without', async () => {
    const received: EmailEvent[] = [];
    const server = await startAdapter(kind, {
      secret: 'postmark-basic-secret',
      onEvents: (result: { events: EmailEvent[] }) => void received.push(...result.events),
    });
    onTestFinished(() => server.close());
    const body = fixtureBytes('postmark/bounce.json');
    const json = { 'content-type': 'application/json' };
    const good = await send(`${server.origin}/hooks/postmark`, { body, headers: { ...json, authorization: basicAuth('hooks', 'postmark-basic-secret') } });
    expect([good.status, good.json]).toEqual([200, { provider: 'postmark', events: 1, issues: 0, duplicates: 0 }]);
    expect(received.map((event) => [event.type, event.id])).toEqual([['bounced', '4323372036854775807']]);
    const anonymous = await send(`${server.origin}/hooks/postmark`, { body, headers: json });
    expect(anonymous.status).toBe(401);
  });
});

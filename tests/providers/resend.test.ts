import { readdirSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { EmailEvent } from '../../src/events.js';
import { detectProvider, parseWebhook, verifyWebhook, WebhookError } from '../../src/index.js';
import type { EventSpec } from '../../src/providers/provider.js';
import { resend } from '../../src/providers/resend/index.js';
import { send } from '../adapters/support/http.js';
import { ADAPTERS, startAdapter } from '../adapters/support/servers.js';
import { fixtureBytes, fixtureText } from '../helpers/fixtures.js';

const SVIX_ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';

/** The one event of a Resend fixture, delivered with its `svix-id` header, without `raw`. */
function one(fixture: string, headers: Record<string, string> = { 'svix-id': SVIX_ID }): Omit<EmailEvent, 'raw'> {
  const result = parseWebhook(fixtureBytes(`resend/${fixture}`), { headers });
  expect(result.provider).toBe('resend');
  expect(result.issues).toEqual([]);
  expect(result.events).toHaveLength(1);
  const { raw, ...event } = result.events[0]!;
  expect(raw).toBeTypeOf('object');
  return event;
}

const EXAMPLE = {
  provider: 'resend',
  id: SVIX_ID,
  recipient: 'delivered@resend.dev',
  messageId: '56761188-7520-42d8-8898-ff6fc54ce618',
  sender: 'onboarding@resend.dev',
  subject: 'Sending this example',
};
const FEBRUARY = new Date('2024-02-22T23:41:12.126Z');
const NOVEMBER = new Date('2024-11-22T23:41:12.126Z');
const BROADCAST = '8b146471-e88e-4322-86af-016cd36fd216';
const CATEGORY = { tags: ['category:confirm_email'], metadata: { category: 'confirm_email' } };

describe('Resend: the documented examples', () => {
  it('email.sent and email.scheduled: queued; the svix-id header is the id; the top-level created_at is the time', () => {
    expect(one('sent.json')).toStrictEqual({ type: 'queued', ...EXAMPLE, occurredAt: FEBRUARY });
    expect(one('scheduled.json')).toStrictEqual({ type: 'queued', ...EXAMPLE, occurredAt: NOVEMBER });
  });

  it('email.delivered and email.complained', () => {
    expect(one('delivered.json')).toStrictEqual({ type: 'delivered', ...EXAMPLE, occurredAt: FEBRUARY });
    expect(one('complained.json')).toStrictEqual({ type: 'complained', ...EXAMPLE, occurredAt: FEBRUARY });
  });

  it('email.delivery_delayed: deferred; tags as an array of name/value pairs too; the old spelling too', () => {
    expect(one('delivery-delayed.json')).toStrictEqual({
      type: 'deferred',
      ...EXAMPLE,
      occurredAt: NOVEMBER,
      tags: ['category:confirm_email', 'user_id:123'],
      metadata: { category: 'confirm_email', user_id: '123' },
    });
    expect(one('delivered-delayed-old-spelling.json')).toStrictEqual({ type: 'deferred', ...EXAMPLE, occurredAt: FEBRUARY });
  });

  it('email.bounced Permanent: a hard bounce, subType as reason, message as description, broadcast as campaign', () => {
    expect(one('bounced.json')).toStrictEqual({
      type: 'bounced',
      ...EXAMPLE,
      occurredAt: NOVEMBER,
      campaign: BROADCAST,
      ...CATEGORY,
      bounce: 'hard',
      reason: 'Suppressed',
      description: "The recipient's email address is on the suppression list because it has a recent history of producing hard bounces.",
    });
  });

  it('email.bounced Transient: a soft bounce; the recipient is trimmed and its domain lower-cased', () => {
    expect(one('bounced-transient.json')).toStrictEqual({
      type: 'bounced',
      provider: 'resend',
      id: SVIX_ID,
      recipient: 'Mailbox.Full@example.com',
      occurredAt: new Date('2025-03-14T10:00:00.000Z'),
      messageId: '0f9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c',
      sender: 'news@shop.example',
      subject: 'Weekly digest',
      bounce: 'soft',
      reason: 'MailboxFull',
      description: "The recipient's email provider sent a bounce message because the recipient's inbox was full.",
    });
  });

  it('email.bounced of another type is undetermined', () => {
    const body = JSON.parse(fixtureText('resend/bounced.json'));
    body.data.bounce.type = 'Undetermined';
    expect(parseWebhook(JSON.stringify(body)).events[0]).toMatchObject({ type: 'bounced', bounce: 'undetermined' });
  });

  it('email.opened and email.clicked (url, ip and user agent from data.click)', () => {
    expect(one('opened.json')).toStrictEqual({ type: 'opened', ...EXAMPLE, occurredAt: NOVEMBER, campaign: BROADCAST, ...CATEGORY });
    expect(one('clicked.json')).toStrictEqual({
      type: 'clicked',
      ...EXAMPLE,
      occurredAt: NOVEMBER,
      campaign: BROADCAST,
      ...CATEGORY,
      ip: '122.115.53.11',
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Safari/605.1.15',
      url: 'https://resend.com',
    });
  });

  it('email.failed and email.suppressed: rejected, with the reason', () => {
    expect(one('failed.json')).toStrictEqual({
      type: 'rejected',
      ...EXAMPLE,
      occurredAt: new Date('2026-11-22T23:41:12.126Z'),
      campaign: BROADCAST,
      ...CATEGORY,
      reason: 'reached_daily_quota',
    });
    expect(one('suppressed.json')).toStrictEqual({
      type: 'rejected',
      ...EXAMPLE,
      recipient: 'bounced@resend.dev',
      messageId: '9a1c3b7e-2f4d-4e6a-8b0c-1d2e3f4a5b6c',
      occurredAt: new Date('2025-10-01T08:15:30.500Z'),
      reason: 'OnAccountSuppressionList',
      description: 'Resend has suppressed sending to this address because it is on the account-level suppression list.',
    });
  });

  it('contact.* and domain.*: unknown, with the contact address when there is one', () => {
    expect(one('contact-created.json')).toStrictEqual({
      type: 'unknown',
      provider: 'resend',
      id: SVIX_ID,
      recipient: 'steve.wozniak@gmail.com',
      occurredAt: new Date('2025-10-10T15:30:00.000Z'),
      providerEvent: 'contact.created',
    });
    expect(one('domain-updated.json')).toStrictEqual({
      type: 'unknown',
      provider: 'resend',
      id: SVIX_ID,
      occurredAt: new Date('2025-10-10T15:31:00.000Z'),
      providerEvent: 'domain.updated',
    });
  });

  it('a `to` of several addresses (events before November 2024): one event, for the first recipient', () => {
    const result = parseWebhook(fixtureBytes('resend/multi-recipient.json'), { headers: { 'svix-id': SVIX_ID } });
    expect(result.issues).toEqual([]);
    expect(result.events.map((event) => [event.id, event.recipient])).toEqual([[SVIX_ID, 'first@example.com']]);
  });
});

describe('Resend: ids', () => {
  it('webhook-id (Standard Webhooks names) serves when svix-id is absent', () => {
    expect(one('delivered.json', { 'webhook-id': 'msg_standard' }).id).toBe('msg_standard');
  });

  it('header names are read in any letter case, from a record or a Headers object', () => {
    const idOf = (headers: Record<string, string | string[] | undefined> | Headers): string =>
      parseWebhook(fixtureBytes('resend/delivered.json'), { headers }).events[0]!.id;
    expect(idOf({ 'Svix-Id': 'msg_upper' })).toBe('msg_upper');
    expect(idOf({ 'SVIX-ID': ['msg_a', 'msg_b'] })).toBe('msg_a, msg_b');
    // Names differing only in case: the last one with a value wins; one without a value is skipped.
    expect(idOf({ 'svix-id': 'msg_first', 'Svix-Id': 'msg_last' })).toBe('msg_last');
    expect(idOf({ 'svix-id': 'msg_first', 'Svix-Id': undefined })).toBe('msg_first');
    expect(idOf({ 'svix-idx': 'msg_longer', 'webhook-id': 'msg_standard' })).toBe('msg_standard');
    expect(idOf(new Headers({ 'Svix-Id': 'msg_fetch' }))).toBe('msg_fetch');
  });

  it('without headers, an id derived from normalized values, the same on redelivery', () => {
    expect(one('delivered.json', {}).id).toBe('433864f95a3e695c');
    expect(one('clicked.json', {}).id).toBe('fd4586183273974a');
    const respelled = JSON.parse(fixtureText('resend/delivered.json'));
    respelled.created_at = '2024-02-23T00:41:12.126+01:00';
    respelled.data.to = [' delivered@RESEND.dev'];
    expect(parseWebhook(JSON.stringify(respelled)).events[0]!.id).toBe('433864f95a3e695c');
    expect(one('bounced.json', {}).id).not.toBe(one('delivered.json', {}).id);
  });
});

describe('Resend: bad events', () => {
  it('an unreadable created_at is an issue, never an Invalid Date', () => {
    const { events, issues } = parseWebhook(fixtureBytes('resend/bad-created-at.json'));
    expect(events).toEqual([]);
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['created_at'], 'not a readable time (expected ISO 8601 with a zone, e.g. 2024-11-22T23:41:12.126Z)'],
    ]);
  });

  it('an email event without a recipient is an issue; strict mode throws', () => {
    const { issues } = parseWebhook(fixtureBytes('resend/bad-recipient.json'));
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([[['data', 'to'], 'missing']]);
    expect(() => parseWebhook(fixtureBytes('resend/bad-recipient.json'), { strict: true })).toThrow(WebhookError);
  });

  it('a body of another shape is not Resend', () => {
    expect(() => parseWebhook('{"type":"email.sent","data":{}}', { provider: 'resend' })).toThrow(
      'a Resend body is one JSON object with type, created_at and data',
    );
    expect(detectProvider({ type: 'user.created', created_at: '2024-01-01T00:00:00Z', data: {} })).toBeUndefined();
  });
});

describe('Resend: detection', () => {
  it('claims every Resend fixture, and only Resend does', () => {
    const files = readdirSync(new URL('../../fixtures/resend/', import.meta.url)).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect([file, detectProvider(JSON.parse(fixtureText(`resend/${file}`)))]).toEqual([file, 'resend']);
  });
});

describe('Resend: signatures (Svix / Standard Webhooks)', () => {
  const vector = JSON.parse(fixtureText('resend/signed/standard-webhooks-vector.request.json')) as {
    secret: string;
    headers: Record<string, string>;
  };
  const body = fixtureText('resend/signed/standard-webhooks-vector.body.txt');
  const signedAt = new Date(Number(vector.headers['svix-timestamp']) * 1000);
  const check = (request: { body: string; headers: Record<string, string> }, keys: string | string[], now = signedAt, toleranceSeconds?: number) =>
    verifyWebhook(request, { signingKeys: { resend: keys }, now, ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }) });
  const codeOf = async (promise: Promise<unknown>) => promise.then(() => 'verified', (error: WebhookError) => error.code);

  it('the published test vector verifies', async () => {
    await expect(check({ body, headers: vector.headers }, vector.secret)).resolves.toBe('resend');
    await expect(check({ body, headers: vector.headers }, vector.secret, new Date(signedAt.getTime() + 300_000))).resolves.toBe('resend');
  });

  it('so do the Standard Webhooks header names, and a secret pasted without whsec_', async () => {
    const headers = Object.fromEntries(Object.entries(vector.headers).map(([name, value]) => [name.replace('svix-', 'webhook-'), value]));
    await expect(check({ body, headers }, vector.secret)).resolves.toBe('resend');
    await expect(check({ body, headers: vector.headers }, vector.secret.slice('whsec_'.length))).resolves.toBe('resend');
  });

  it('a tampered body, id or timestamp does not verify', async () => {
    expect(await codeOf(check({ body: '{"test": 2432232315}', headers: vector.headers }, vector.secret))).toBe('invalid_signature');
    expect(await codeOf(check({ body, headers: { ...vector.headers, 'svix-id': 'msg_other' } }, vector.secret))).toBe('invalid_signature');
    const later = { ...vector.headers, 'svix-timestamp': '1614265331' };
    expect(await codeOf(check({ body, headers: later }, vector.secret))).toBe('invalid_signature');
  });

  it('a stale or future timestamp is refused; Infinity disables the time check', async () => {
    const stale = check({ body, headers: vector.headers }, vector.secret, new Date(signedAt.getTime() + 301_000));
    await expect(stale).rejects.toThrow('the Resend signature timestamp is outside the tolerance');
    expect(await codeOf(check({ body, headers: vector.headers }, vector.secret, new Date(signedAt.getTime() - 301_000)))).toBe('invalid_signature');
    await expect(check({ body, headers: vector.headers }, vector.secret, new Date('2030-01-01T00:00:00Z'), Infinity)).resolves.toBe('resend');
  });

  it('a wrong key is refused; with rotation any configured key and any listed signature verifies', async () => {
    const other = 'whsec_c2VjcmV0LW9mLWEtcm90YXRlZC1lbmRwb2ludA==';
    await expect(check({ body, headers: vector.headers }, other)).rejects.toThrow('the Resend signature does not match');
    await expect(check({ body, headers: vector.headers }, [other, vector.secret])).resolves.toBe('resend');
    const twoSignatures = { ...vector.headers, 'svix-signature': `v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1a,ignored ${vector.headers['svix-signature']}` };
    await expect(check({ body, headers: twoSignatures }, vector.secret)).resolves.toBe('resend');
  });

  it('missing headers, no v1 entry, or an unreadable secret', async () => {
    const { 'svix-id': _, ...withoutId } = vector.headers;
    expect(await codeOf(check({ body, headers: withoutId }, vector.secret))).toBe('invalid_signature');
    expect(await codeOf(check({ body, headers: { ...vector.headers, 'svix-signature': 'v2,abc' } }, vector.secret))).toBe('invalid_signature');
    expect(await codeOf(check({ body, headers: { ...vector.headers, 'svix-timestamp': '1614265330.5' } }, vector.secret))).toBe('invalid_signature');
    expect(await codeOf(check({ body, headers: vector.headers }, 'whsec_not base64!'))).toBe('invalid_options');
  });

  it('signHeaders reproduces the published vector', async () => {
    const headers = await resend.testKit!.signHeaders!(body, vector.secret, { timestamp: signedAt, id: vector.headers['svix-id']! });
    expect(headers).toEqual(vector.headers);
  });
});

describe('Resend: test kit', () => {
  const kit = resend.testKit!;
  const at = new Date('2025-01-02T03:04:05.678Z');
  const specs: EventSpec[] = [
    { type: 'queued', id: 'msg_1', recipient: 'a@example.com', occurredAt: at, subject: 'Hi', sender: 'from@example.com' },
    { type: 'delivered', id: 'msg_2', recipient: 'b@example.com', occurredAt: at, metadata: { plan: 'pro' }, tags: ['plan:pro'] },
    { type: 'deferred', id: 'msg_3', recipient: 'c@example.com', occurredAt: at },
    { type: 'rejected', id: 'msg_4', recipient: 'd@example.com', occurredAt: at, reason: 'reached_daily_quota' },
    { type: 'rejected', id: 'msg_5', recipient: 'e@example.com', occurredAt: at, reason: 'OnAccountSuppressionList', description: 'suppressed' },
    { type: 'bounced', id: 'msg_6', recipient: 'f@example.com', occurredAt: at, bounce: 'soft', reason: 'MailboxFull', description: 'full' },
    { type: 'opened', id: 'msg_7', recipient: 'g@example.com', occurredAt: at, campaign: 'b-1' },
    { type: 'clicked', id: 'msg_8', recipient: 'h@example.com', occurredAt: at, url: 'https://x.example/', ip: '203.0.113.1', userAgent: 'UA/2' },
    { type: 'complained', id: 'msg_9', recipient: 'i@example.com', occurredAt: at },
    { type: 'unknown', id: 'msg_10', recipient: 'j@example.com', occurredAt: at, providerEvent: 'email.received' },
  ];

  it('round-trips every event type Resend sends, with the svix-id header carrying the id', () => {
    for (const spec of specs) {
      const { body, contentType, headers } = kit.buildBody([spec]);
      expect(contentType).toBe('application/json');
      expect(headers).toEqual({ 'svix-id': spec.id });
      const { events, issues } = parseWebhook(body, { headers: headers! });
      expect(issues).toEqual([]);
      const { raw, ...event } = events[0]!;
      expect(event).toMatchObject({ provider: 'resend', ...spec });
    }
  });

  it('signs what it builds so that verifyWebhook accepts it', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const { body } = kit.buildBody([specs[5]!]);
    const headers = await kit.signHeaders!(body, secret, { timestamp: at, id: 'msg_6' });
    await expect(verifyWebhook({ body, headers }, { signingKeys: { resend: secret }, now: at })).resolves.toBe('resend');
    expect(parseWebhook(body, { headers }).events[0]!.id).toBe('msg_6');
  });

  it('takes exactly one event, and refuses what Resend cannot carry', () => {
    expect(() => kit.buildBody([])).toThrow(TypeError);
    expect(() => kit.buildBody([specs[0]!, specs[1]!])).toThrow('Resend posts one event a request, not 2');
    expect(() => kit.buildBody([{ type: 'unsubscribed', recipient: 'a@example.com' }])).toThrow(TypeError);
    expect(() => kit.buildBody([{ type: 'delivered', recipient: 'a@example.com', smtp: { code: 250 } }])).toThrow(TypeError);
    expect(() => kit.buildBody([{ type: 'delivered', recipient: 'a@example.com', tags: ['plain'] }])).toThrow(TypeError);
    expect(() => kit.buildBody([{ type: 'unknown', providerEvent: 'email.opened' }])).toThrow(TypeError);
  });
});

describe.each(ADAPTERS)('Resend on the %s adapter', (kind) => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  async function serve(options: { signatureToleranceSeconds?: number } = {}) {
    const received: EmailEvent[] = [];
    const server = await startAdapter(kind, {
      signingKeys: { resend: secret },
      secret: false,
      onEvents: (result: { events: EmailEvent[] }) => void received.push(...result.events),
      ...options,
    });
    onTestFinished(() => server.close());
    return { origin: server.origin, received };
  }
  const codeOf = (json: unknown) => (json as { error: { code: string } }).error.code;

  it('takes a signed documented event, its svix-id as the id; refuses it tampered, stale or unsigned', async () => {
    const { origin, received } = await serve();
    const body = fixtureText('resend/bounced.json');
    const headers = { 'content-type': 'application/json', ...(await resend.testKit!.signHeaders!(body, secret, { id: 'msg_adapter_1' })) };
    const good = await send(`${origin}/hooks/resend`, { body, headers });
    expect([good.status, good.json]).toEqual([200, { provider: 'resend', events: 1, issues: 0, duplicates: 0 }]);
    expect(received.map((event) => [event.type, event.id, event.recipient])).toEqual([['bounced', 'msg_adapter_1', 'delivered@resend.dev']]);
    const tampered = await send(`${origin}/hooks/resend`, { body: body.replace('Permanent', 'Transient'), headers });
    expect([tampered.status, codeOf(tampered.json)]).toEqual([401, 'invalid_signature']);
    const staleHeaders = await resend.testKit!.signHeaders!(body, secret, { timestamp: new Date(Date.now() - 600_000) });
    const stale = await send(`${origin}/hooks/resend`, { body, headers: { 'content-type': 'application/json', ...staleHeaders } });
    expect([stale.status, codeOf(stale.json)]).toEqual([401, 'invalid_signature']);
    const unsigned = await send(`${origin}/hooks/resend`, { body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(401);
    expect(received).toHaveLength(1);
  });

  it('verifies the published vector (then refuses its body, which is no Resend event, as invalid_payload), and refuses it tampered', async () => {
    const { origin } = await serve({ signatureToleranceSeconds: Number.POSITIVE_INFINITY });
    const vector = JSON.parse(fixtureText('resend/signed/standard-webhooks-vector.request.json')) as { headers: Record<string, string> };
    const body = fixtureText('resend/signed/standard-webhooks-vector.body.txt');
    const verified = await send(`${origin}/hooks/resend`, { body, headers: { 'content-type': 'application/json', ...vector.headers } });
    // A verified signature names the provider, so the body is decoded as Resend's: 400, not 401.
    expect([verified.status, codeOf(verified.json)]).toEqual([400, 'invalid_payload']);
    const tampered = await send(`${origin}/hooks/resend`, {
      body: '{"test": 2432232315}',
      headers: { 'content-type': 'application/json', ...vector.headers },
    });
    expect([tampered.status, codeOf(tampered.json)]).toEqual([401, 'invalid_signature']);
  });
});

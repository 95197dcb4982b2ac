import { describe, expect, it, onTestFinished } from 'vitest';
import { isWebhookError } from '../../src/errors.js';
import { detectProvider, parseWebhook } from '../../src/parse-webhook.js';
import { mailgun } from '../../src/providers/mailgun/index.js';
import { MAX_SEEN_TOKENS, rememberToken, wasTokenSeen } from '../../src/providers/mailgun/seen-tokens.js';
import { signMailgunBody } from '../../src/providers/mailgun/test-kit.js';
import type { EventSpec } from '../../src/providers/provider.js';
import { verifyWebhook } from '../../src/verify-webhook.js';
import { withoutRaw } from '../helpers/events.js';
import { fixtureBytes, fixtureText } from '../helpers/fixtures.js';
import { send } from '../adapters/support/http.js';
import { ADAPTERS, startAdapter } from '../adapters/support/servers.js';

// The key the fixtures' signature blocks were made with (fixtures/README.md).
const KEY = 'key-mailgun-fixture-signing-key';

function one(fixture: string) {
  const result = parseWebhook(fixtureBytes(`mailgun/${fixture}`));
  expect(result.provider).toBe('mailgun');
  expect(result.issues).toEqual([]);
  expect(result.events).toHaveLength(1);
  return withoutRaw(result.events[0]!);
}

describe('Mailgun: real sanitized events (django-anymail tests)', () => {
  it('delivered: event-data.id, the message-id header, envelope sender, subject, SMTP code and text', () => {
    expect(one('delivered.json')).toStrictEqual({
      type: 'delivered',
      provider: 'mailgun',
      id: 'hTWCTD81RtiDN-...',
      recipient: 'recipient@example.com',
      occurredAt: new Date('2018-08-12T21:17:17.153Z'),
      messageId: '20180812211713.1.DF5966851B4BAA99@example.org',
      sender: 'test@example.org',
      subject: 'Testing',
      smtp: { code: 250, text: 'OK' },
    });
  });

  it('failed + permanent is a hard bounce; the enhanced status is read from the message', () => {
    expect(one('failed-permanent.json')).toStrictEqual({
      type: 'bounced',
      provider: 'mailgun',
      id: '971eaff69069e43f',
      recipient: 'invalid@example.com',
      occurredAt: new Date('2018-08-12T21:47:02.390Z'),
      messageId: '20180812214658.1.0DF563D0B3597700@example.org',
      bounce: 'hard',
      smtp: {
        code: 550,
        enhancedStatus: '5.1.1',
        text: "5.1.1 The email account that you tried to reach does not exist. Please try\n5.1.1 double-checking the recipient's email address for typos",
      },
      reason: 'bounce',
    });
  });

  it('failed + temporary is deferred, with the delivery description', () => {
    expect(one('failed-temporary.json')).toStrictEqual({
      type: 'deferred',
      provider: 'mailgun',
      id: 'a149b6c9e0593531',
      recipient: 'undeliverable@nomx.example.com',
      occurredAt: new Date('2018-08-12T22:11:39.660Z'),
      messageId: '20180812214638.1.4A7D468E9BC18C5D@example.org',
      subject: 'Testing',
      smtp: { code: 498, text: 'No MX for nomx.example.com' },
      reason: 'generic',
      description: 'No MX for nomx.example.com',
    });
    expect(one('failed-greylisted.json')).toStrictEqual({
      type: 'deferred',
      provider: 'mailgun',
      id: 'd62e45bd0c351dea',
      recipient: 'undeliverable@mx.example.com',
      occurredAt: new Date('2018-08-12T22:11:39.660Z'),
      messageId: '20180812214638.1.4A7D468E9BC18C5D@example.org',
      subject: 'Testing',
      smtp: { code: 450, text: 'Recipient address rejected: Greylisted' },
      reason: 'greylisted',
      description: 'Recipient address rejected: Greylisted',
    });
  });

  it('rejected without a recipient takes the single address of the To header', () => {
    expect(one('rejected-no-recipient.json')).toStrictEqual({
      type: 'rejected',
      provider: 'mailgun',
      id: '5d575ad08adbb0ad',
      recipient: 'recipient@example.org',
      occurredAt: new Date('2018-06-22T22:02:56.105Z'),
      messageId: '20180622220256.1.B31A451A2E5422BB@sandbox55887.mailgun.org',
      subject: 'Test Subject',
      reason: 'Sandbox subdomains are for test purposes only.',
    });
  });

  it('complained, unsubscribed, clicked', () => {
    expect(one('complained.json')).toStrictEqual({
      type: 'complained',
      provider: 'mailgun',
      id: 'ncV2XwymRUKbPek_MIM-Gw',
      recipient: 'recipient@example.com',
      occurredAt: new Date('2013-08-22T23:31:00.050Z'),
      messageId: '20130718032413.263EE2E0926@example.org',
      subject: 'We are not spammer',
    });
    expect(one('unsubscribed.json')).toStrictEqual({
      type: 'unsubscribed',
      provider: 'mailgun',
      id: 'W3X4JOhFT-OZidZGKKr9iA',
      recipient: 'recipient@example.com',
      occurredAt: new Date('2013-08-22T23:23:11.421Z'),
      messageId: '20130822232216.13966.79700@samples.mailgun.org',
    });
    expect(one('clicked.json')).toStrictEqual({
      type: 'clicked',
      provider: 'mailgun',
      id: 'aed4606f5e72e797',
      recipient: 'recipient@example.com',
      occurredAt: new Date('2018-08-12T21:33:20.090Z'),
      url: 'https://example.com/test',
    });
  });

  it('opened: tags, user variables, geolocation, client and user agent', () => {
    expect(one('opened.json')).toStrictEqual({
      type: 'opened',
      provider: 'mailgun',
      id: 'e893e0dd12bc55d3',
      recipient: 'recipient@example.com',
      occurredAt: new Date('2018-08-12T21:33:20.090Z'),
      messageId: '20180812213139.1.BC6694A917BB7E6A@example.org',
      tags: ['welcome', 'variation-A'],
      metadata: { cohort: '2018-08-B', user_id: '123456' },
      ip: '888.222.444.111',
      geo: { country: 'US', region: 'CA', city: 'San Francisco' },
      client: { name: 'Chrome', platform: 'OS X', device: 'desktop' },
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_13_6)...',
    });
  });
});

describe('Mailgun: events written for this project', () => {
  it('accepted is queued; user variables of any JSON kind become text', () => {
    expect(one('accepted.json')).toStrictEqual({
      type: 'queued',
      provider: 'mailgun',
      id: 'ZxKvbFMURLuMaLWX3n0fkQ',
      recipient: 'alice@example.com',
      occurredAt: new Date('2024-05-30T09:00:00.123Z'),
      messageId: '20240530090000.1.0123456789ABCDEF@example.org',
      sender: 'bob@example.org',
      subject: 'Your receipt',
      tags: ['receipt'],
      metadata: { order: 'A-100', total: '19.5', gift: 'false', items: '[1,2]' },
    });
  });

  it('failed with a suppress-* reason is rejected: Mailgun did not try', () => {
    expect(one('failed-suppress-bounce.json')).toStrictEqual({
      type: 'rejected',
      provider: 'mailgun',
      id: 'G9Bn5sl1TC6nu79C8C0bwg',
      recipient: 'alice@example.com',
      occurredAt: new Date('2023-11-14T22:13:20.500Z'),
      messageId: '20231114221320.1.AAAABBBBCCCCDDDD@example.org',
      subject: 'Hello',
      tags: ['welcome'],
      metadata: { user_id: '42' },
      reason: 'suppress-bounce',
      description: 'Not delivering to previously bounced address',
    });
  });

  it('passes other events through as unknown', () => {
    expect(one('unknown-event.json')).toStrictEqual({
      type: 'unknown',
      provider: 'mailgun',
      id: 'c2VhcmNoLWV2ZW50LTEy',
      occurredAt: new Date('2024-05-30T09:01:40.000Z'),
      providerEvent: 'list_member_uploaded',
    });
  });

  it('explains a bad item with a path into event-data', () => {
    const result = parseWebhook(fixtureBytes('mailgun/bad-recipient.json'));
    expect(result.events).toEqual([]);
    expect(result.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ['event-data', 'recipient'], message: 'not an email address' },
    ]);
  });

  it('makes a rejected event without any readable recipient an issue', () => {
    const body = JSON.stringify({
      signature: { timestamp: '1', token: 't', signature: 's' },
      'event-data': { event: 'rejected', timestamp: 1717059600, message: { headers: { to: 'a@example.com, b@example.com' } } },
    });
    expect(parseWebhook(body).issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ['event-data', 'recipient'], message: 'missing' },
    ]);
  });
});

describe('Mailgun: detection', () => {
  const fixtures = [
    'accepted.json', 'bad-recipient.json', 'clicked.json', 'complained.json', 'delivered.json', 'failed-greylisted.json',
    'failed-permanent.json', 'failed-suppress-bounce.json', 'failed-temporary.json', 'opened.json',
    'rejected-no-recipient.json', 'unknown-event.json', 'unsubscribed.json',
  ];
  for (const fixture of fixtures) {
    it(`claims ${fixture} for mailgun alone`, () => {
      expect(detectProvider(JSON.parse(fixtureText(`mailgun/${fixture}`)))).toBe('mailgun');
    });
  }

  it('needs both event-data and signature', () => {
    expect(mailgun.detect({ 'event-data': {} })).toBe(false);
    expect(mailgun.detect({ signature: {} })).toBe(false);
    expect(mailgun.detect([{ 'event-data': {}, signature: {} }])).toBe(false);
  });
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isWebhookError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

/** A fixture as a request, and a time just after its signature's timestamp. */
function signedFixture(fixture: string, secondsLater = 5) {
  const body = fixtureText(`mailgun/${fixture}`);
  const timestamp = Number((JSON.parse(body) as { signature: { timestamp: string } }).signature.timestamp);
  return { request: { body, headers: { 'content-type': 'application/json' } }, now: new Date((timestamp + secondsLater) * 1000) };
}

describe('Mailgun: signatures', () => {
  it('verifies a signed fixture, and refuses the same token replayed within the tolerance', async () => {
    const { request, now } = signedFixture('delivered.json');
    expect(await verifyWebhook(request, { signingKeys: { mailgun: KEY }, now })).toBe('mailgun');
    expect(await refusal(verifyWebhook(request, { signingKeys: { mailgun: KEY }, now: new Date(now.getTime() + 60_000) }))).toBe(
      'invalid_signature: the Mailgun token was already used: a replayed request',
    );
  });

  it('refuses a tampered signature block, a stale or future timestamp and a wrong key', async () => {
    const opened = signedFixture('opened.json');
    const tampered = opened.request.body.replace('"token": "7e6d', '"token": "7e6e');
    expect(tampered).not.toBe(opened.request.body);
    expect(await refusal(verifyWebhook({ ...opened.request, body: tampered }, { signingKeys: { mailgun: KEY }, now: opened.now }))).toBe(
      'invalid_signature: the Mailgun signature does not match',
    );
    const failed = signedFixture('failed-permanent.json', 301);
    expect(await refusal(verifyWebhook(failed.request, { signingKeys: { mailgun: KEY }, now: failed.now }))).toBe(
      'invalid_signature: the Mailgun signature timestamp is outside the allowed tolerance',
    );
    const early = signedFixture('failed-permanent.json', -301);
    expect(await refusal(verifyWebhook(early.request, { signingKeys: { mailgun: KEY }, now: early.now }))).toBe(
      'invalid_signature: the Mailgun signature timestamp is outside the allowed tolerance',
    );
    const complained = signedFixture('complained.json');
    expect(await refusal(verifyWebhook(complained.request, { signingKeys: { mailgun: 'key-someone-else' }, now: complained.now }))).toBe(
      'invalid_signature: the Mailgun signature does not match',
    );
  });

  it('accepts any of several keys (rotation), and disables the time check with Infinity', async () => {
    const unsubscribed = signedFixture('unsubscribed.json');
    expect(await verifyWebhook(unsubscribed.request, { signingKeys: { mailgun: ['key-old', KEY] }, now: unsubscribed.now })).toBe('mailgun');
    const clicked = signedFixture('clicked.json', 10 * 365 * 86_400);
    expect(await verifyWebhook(clicked.request, { signingKeys: { mailgun: KEY }, toleranceSeconds: Infinity, now: clicked.now })).toBe('mailgun');
  });

  it('refuses a malformed signature block', async () => {
    const body = JSON.stringify({ signature: { timestamp: '1717059600', token: 'abc', signature: 'not-hex' }, 'event-data': { event: 'delivered' } });
    expect(await refusal(verifyWebhook({ body, headers: {} }, { signingKeys: { mailgun: KEY }, now: new Date(1717059600_000) }))).toBe(
      'invalid_signature: the Mailgun signature block is missing or malformed',
    );
  });

  it('remembers a bounded number of tokens, forgetting expired and then the oldest ones', () => {
    const now = 1_000_000;
    rememberToken('expired-token', now + 10, now);
    expect(wasTokenSeen('expired-token', now + 5)).toBe(true);
    expect(wasTokenSeen('expired-token', now + 10)).toBe(false);
    for (let i = 0; i < MAX_SEEN_TOKENS + 1; i++) rememberToken(`token-${i}`, Number.POSITIVE_INFINITY, now);
    expect(wasTokenSeen('token-0', now)).toBe(false);
    expect(wasTokenSeen('token-1', now)).toBe(true);
    expect(wasTokenSeen(`token-${MAX_SEEN_TOKENS}`, now)).toBe(true);
  });
});

describe('Mailgun: the test kit', () => {
  const at = new Date('2024-05-30T09:00:00.250Z');
  const cases: [EventSpec, Record<string, unknown>][] = [
    [{ type: 'queued', id: 'kit-1', recipient: 'a@example.com', occurredAt: at, messageId: 'm1@example.org', tags: ['t'] }, { type: 'queued', tags: ['t'] }],
    [{ type: 'delivered', id: 'kit-2', recipient: 'a@example.com', occurredAt: at, messageId: 'm2@example.org', smtp: { code: 250, text: 'OK' } }, { type: 'delivered', smtp: { code: 250, text: 'OK' } }],
    [{ type: 'deferred', id: 'kit-3', recipient: 'a@example.com', occurredAt: at, messageId: 'm3@example.org' }, { type: 'deferred', reason: 'generic' }],
    [{ type: 'bounced', id: 'kit-4', recipient: 'a@example.com', occurredAt: at, messageId: 'm4@example.org', bounce: 'hard' }, { type: 'bounced', bounce: 'hard', reason: 'bounce' }],
    [{ type: 'rejected', id: 'kit-5', recipient: 'a@example.com', occurredAt: at, messageId: 'm5@example.org', reason: 'suppress-unsubscribe' }, { type: 'rejected', reason: 'suppress-unsubscribe' }],
    [{ type: 'clicked', id: 'kit-6', recipient: 'a@example.com', occurredAt: at, messageId: 'm6@example.org', url: 'https://example.com/x', ip: '203.0.113.1', userAgent: 'UA', metadata: { k: 'v' } }, { type: 'clicked', url: 'https://example.com/x', ip: '203.0.113.1', userAgent: 'UA', metadata: { k: 'v' } }],
  ];

  for (const [spec, expected] of cases) {
    it(`writes ${spec.type} so that it decodes back`, () => {
      const { body, contentType } = mailgun.testKit!.buildBody([spec]);
      expect(contentType).toBe('application/json');
      const { events, issues } = parseWebhook(body);
      expect(issues).toEqual([]);
      expect(withoutRaw(events[0]!)).toStrictEqual({
        provider: 'mailgun',
        id: spec.id,
        recipient: 'a@example.com',
        occurredAt: at,
        messageId: spec.messageId,
        ...expected,
      });
    });
  }

  it('refuses what Mailgun cannot say', () => {
    const kit = mailgun.testKit!;
    expect(() => kit.buildBody([])).toThrow(TypeError);
    expect(() => kit.buildBody([{ type: 'subscribed' }])).toThrow(TypeError);
    expect(() => kit.buildBody([{ type: 'bounced', bounce: 'soft' }])).toThrow(TypeError);
    expect(() => kit.buildBody([{ type: 'unsubscribed', scope: 'all' }])).toThrow(TypeError);
    expect(kit.signHeaders).toBeUndefined();
  });

  it('signs a body inside its signature block; each signing makes a new token', async () => {
    const { body } = mailgun.testKit!.buildBody([{ type: 'delivered', recipient: 'a@example.com' }]);
    const timestamp = new Date('2024-05-30T09:00:00.000Z');
    expect(await refusal(verifyWebhook({ body, headers: {} }, { signingKeys: { mailgun: KEY }, now: timestamp }))).toBe(
      'invalid_signature: the Mailgun signature block is missing or malformed',
    );
    const first = await signMailgunBody(body, KEY, { timestamp });
    const second = await signMailgunBody(body, KEY, { timestamp });
    expect(first).not.toBe(second);
    const options = { signingKeys: { mailgun: KEY }, now: timestamp };
    expect(await verifyWebhook({ body: first, headers: {} }, options)).toBe('mailgun');
    expect(await verifyWebhook({ body: second, headers: {} }, options)).toBe('mailgun');
    expect(parseWebhook(first).events[0]).toMatchObject({ type: 'delivered', recipient: 'a@example.com' });
  });
});

// One signed fixture per adapter: a token is accepted once in this process, whichever adapter sees it.
const ADAPTER_FIXTURES = { express: 'accepted.json', node: 'failed-suppress-bounce.json', fetch: 'unknown-event.json' } as const;

describe.each(ADAPTERS)('Mailgun on the %s adapter', (kind) => {
  async function serve(options: { signatureToleranceSeconds?: number } = {}) {
    const server = await startAdapter(kind, { signingKeys: { mailgun: KEY }, secret: false, onEvents() {}, ...options });
    onTestFinished(() => server.close());
    return server.origin;
  }
  const json = { 'content-type': 'application/json' };

  it('accepts a signed fixture once, and refuses its replay with 401 invalid_signature', async () => {
    const origin = await serve({ signatureToleranceSeconds: Number.POSITIVE_INFINITY });
    const body = fixtureText(`mailgun/${ADAPTER_FIXTURES[kind]}`);
    const first = await send(`${origin}/hook`, { body, headers: json });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ provider: 'mailgun', events: 1, issues: 0, duplicates: 0 });
    const replay = await send(`${origin}/hook`, { body, headers: json });
    expect(replay.status).toBe(401);
    expect((replay.json as { error: { code: string } }).error.code).toBe('invalid_signature');
  });

  it('accepts a freshly signed body and refuses one signed with another key', async () => {
    const origin = await serve();
    const { body } = mailgun.testKit!.buildBody([{ type: 'opened', recipient: 'ann@example.com' }]);
    const good = await send(`${origin}/hook`, { body: await signMailgunBody(body, KEY), headers: json });
    expect(good.status).toBe(200);
    expect(good.json).toEqual({ provider: 'mailgun', events: 1, issues: 0, duplicates: 0 });
    const forged = await send(`${origin}/hook`, { body: await signMailgunBody(body, 'key-forged'), headers: json });
    expect(forged.status).toBe(401);
    expect((forged.json as { error: { code: string } }).error.code).toBe('invalid_signature');
  });
});

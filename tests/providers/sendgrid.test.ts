import { describe, expect, it, onTestFinished } from 'vitest';
import { isWebhookError } from '../../src/errors.js';
import { detectProvider, parseWebhook } from '../../src/parse-webhook.js';
import type { EventSpec } from '../../src/providers/provider.js';
import { derToRawSignature, rawToDerSignature } from '../../src/providers/sendgrid/ecdsa-der.js';
import { sendgrid } from '../../src/providers/sendgrid/index.js';
import { type SigningJwk, signSendgridBody } from '../../src/providers/sendgrid/test-kit.js';
import { verifyWebhook } from '../../src/verify-webhook.js';
import { withoutRaw } from '../helpers/events.js';
import { fixtureBytes, fixtureText } from '../helpers/fixtures.js';
import { send } from '../adapters/support/http.js';
import { ADAPTERS, startAdapter } from '../adapters/support/servers.js';

function decode(fixture: string) {
  const result = parseWebhook(fixtureBytes(`sendgrid/${fixture}`));
  expect(result.provider).toBe('sendgrid');
  return { events: result.events.map(withoutRaw), issues: result.issues.map(({ path, message }) => ({ path, message })) };
}

const REFERENCE_TIME = new Date('2017-12-15T00:59:29.000Z');
const OLD_UA = 'Mozilla/4.0 (compatible; MSIE 6.1; Windows XP; .NET CLR 1.1.4322; .NET CLR 2.0.50727)';
const referenceBase = {
  provider: 'sendgrid',
  id: 'sg_event_id',
  recipient: 'example@test.com',
  occurredAt: REFERENCE_TIME,
  messageId: 'sg_message_id',
  tags: ['cat facts'],
} as const;

describe('SendGrid: the Event Webhook reference example, every event', () => {
  it('decodes all eleven events with their normalized fields', () => {
    expect(decode('reference-example.json')).toStrictEqual({
      events: [
        { type: 'queued', ...referenceBase },
        { type: 'deferred', ...referenceBase, smtp: { code: 400, text: '400 try again later' } },
        { type: 'delivered', ...referenceBase, smtp: { code: 250, text: '250 OK' } },
        { type: 'opened', ...referenceBase, ip: '255.255.255.255', userAgent: OLD_UA },
        { type: 'clicked', ...referenceBase, ip: '255.255.255.255', userAgent: OLD_UA, url: 'http://www.sendgrid.com/' },
        { type: 'bounced', ...referenceBase, bounce: 'hard', smtp: { code: 500, text: '500 unknown recipient', enhancedStatus: '5.0.0' } },
        { type: 'rejected', ...referenceBase, reason: 'Bounced Address' },
        { type: 'complained', ...referenceBase },
        { type: 'unsubscribed', ...referenceBase, scope: 'all' },
        { type: 'unsubscribed', ...referenceBase, listId: '10', ip: '255.255.255.255', userAgent: OLD_UA, scope: 'list' },
        { type: 'subscribed', ...referenceBase, listId: '10' },
      ],
      issues: [],
    });
  });
});

describe('SendGrid: real sanitized events (django-anymail tests)', () => {
  it('keeps ids exactly, splits custom args from SendGrid fields, reads SMTP replies', () => {
    const { events, issues } = decode('anymail-samples.json');
    expect(issues).toEqual([]);
    expect(events).toStrictEqual([
      {
        type: 'queued',
        provider: 'sendgrid',
        id: 'ZyjAM5rnQmuI1KFInHQ3Nw',
        recipient: 'recipient@example.com',
        occurredAt: new Date('2016-04-19T19:47:26.000Z'),
        messageId: 'wrfRRvF7Q0GgwUo2CvDmEA.filter0425p1mdw1.13037.57168B4A1D.0',
        tags: ['tag1', 'tag2'],
        metadata: { anymail_id: '3c2f4df8-c6dd-4cd2-9b91-6582b81a0349', custom1: 'value1', custom2: 'value2' },
      },
      {
        type: 'delivered',
        provider: 'sendgrid',
        id: 'nOSv8m0eTQ-vxvwNwt3fZQ',
        recipient: 'recipient@example.com',
        occurredAt: new Date('2016-04-19T19:47:30.000Z'),
        messageId: 'wrfRRvF7Q0GgwUo2CvDmEA.filter0425p1mdw1.13037.57168B4A1D.0',
        smtp: { code: 250, enhancedStatus: '2.0.0', text: '250 2.0.0 OK 1461095248 m143si2210036ioe.159 - gsmtp' },
      },
      {
        type: 'rejected',
        provider: 'sendgrid',
        id: 'oxy9OLwMTAy5EsuZn1qhIg',
        recipient: 'unsubscribe@example.com',
        occurredAt: new Date('2016-04-19T19:47:30.000Z'),
        messageId: 'filter0199p1las1.4745.5717FB6F5.0',
        reason: 'Unsubscribed Address',
      },
      {
        type: 'bounced',
        provider: 'sendgrid',
        id: 'lC0Rc-FuQmKbnxCWxX1jRQ',
        recipient: 'noreply@example.com',
        occurredAt: new Date('2016-04-19T19:47:30.000Z'),
        messageId: 'Lli-03HcQ5-JLybO9fXsJg.filter0077p1las1.21536.5717FC482.0',
        bounce: 'hard',
        smtp: { code: 550, enhancedStatus: '5.1.1', text: '550 5.1.1 The email account that you tried to reach does not exist.' },
      },
      {
        type: 'deferred',
        provider: 'sendgrid',
        id: 'b_syL5UiTvWC_Ky5L6Bs5Q',
        recipient: 'recipient@example.com',
        occurredAt: new Date('2016-04-21T01:09:50.000Z'),
        messageId: 'u9Gvi3mzT6iC2poAb58_qQ.filter0465p1mdw1.8054.5718271B40.0',
        smtp: { text: 'Email was deferred due to the following reason(s): [IPs were throttled by recipient server]' },
      },
      {
        type: 'opened',
        provider: 'sendgrid',
        id: 'MjIwNDg5NTgtZGE3OC00NDI1LWFiMmMtMDUyZTU2ZmFkOTFm',
        recipient: 'recipient@example.com',
        occurredAt: new Date('2016-04-19T19:47:30.000Z'),
        messageId: 'wrfRRvF7Q0GgwUo2CvDmEA.filter0425p1mdw1.13037.57168B4A1D.0',
        ip: '66.102.6.229',
        userAgent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0',
      },
      {
        type: 'clicked',
        provider: 'sendgrid',
        id: 'OTdlOGUzYjctYjc5Zi00OWE4LWE4YWUtNjIxNjk2ZTJlNGVi',
        recipient: 'recipient@example.com',
        occurredAt: new Date('2016-04-19T19:47:30.000Z'),
        messageId: '_fjPjuJfRW-IPs5SuvYotg.filter0590p1mdw1.2098.57168CFC4B.0',
        ip: '24.130.34.103',
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_4) AppleWebKit/537.36',
        url: 'http://www.example.com',
      },
    ]);
  });
});

describe('SendGrid: bounce and blocked', () => {
  it('type bounce (or none) is hard; blocked follows the code: 5xx hard, 4xx soft, none undetermined', () => {
    const { events, issues } = decode('bounce-variants.json');
    expect(issues).toEqual([]);
    expect(events.map((event) => [event.recipient, event.type === 'bounced' ? event.bounce : event.type])).toEqual([
      ['blocked@example.com', 'soft'],
      ['blocked@example.org', 'hard'],
      ['late@example.com', 'hard'],
      ['notype@example.com', 'hard'],
      ['nocode@example.com', 'undetermined'],
    ]);
    expect(events[0]).toStrictEqual({
      type: 'bounced',
      provider: 'sendgrid',
      id: 'YmxvY2tlZC10ZW1wb3JhcnktMQ',
      recipient: 'blocked@example.com',
      occurredAt: new Date('2023-11-14T22:13:20.000Z'),
      messageId: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
      bounce: 'soft',
      smtp: {
        code: 421,
        enhancedStatus: '4.7.0',
        text: '421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to user complaints',
      },
      description: 'Reputation',
    });
    // An asynchronous bounce carries no sg_message_id: messageId stays absent.
    expect(events[2]).not.toHaveProperty('messageId');
    expect(events[2]).toMatchObject({ description: 'Invalid Address', smtp: { code: 550, enhancedStatus: '5.1.1' } });
    expect(events[4]).toMatchObject({ smtp: { text: 'Blocked by the receiving server' } });
  });
});

describe('SendGrid: custom args, categories and times', () => {
  it('writes non-string custom args as text, merges unique_args, and trims the address', () => {
    const { events, issues } = decode('custom-args.json');
    expect(issues).toEqual([]);
    expect(events).toStrictEqual([
      {
        type: 'delivered',
        provider: 'sendgrid',
        id: 'Y3VzdG9tLWFyZ3MtMQ',
        recipient: 'Ann@example.com',
        occurredAt: new Date('2023-11-14T22:18:20.000Z'),
        messageId: 'custom.filter0001.1',
        tags: ['17'],
        metadata: { campaign: 'spring', order_id: '12345', is_test: 'false', cart: '{"items":2}' },
        smtp: { code: 250, enhancedStatus: '2.0.0', text: '250 2.0.0 OK' },
      },
      {
        type: 'opened',
        provider: 'sendgrid',
        id: 'Y3VzdG9tLWFyZ3MtMg',
        recipient: 'bob@example.com',
        occurredAt: new Date('2023-11-14T22:18:21.500Z'),
        messageId: 'custom.filter0001.2',
        tags: ['news'],
        ip: '203.0.113.9',
        userAgent: 'Mozilla/5.0',
      },
    ]);
  });
});

describe('SendGrid: other events and bad items', () => {
  it('passes account events through as unknown, derives missing ids, and explains bad items', () => {
    expect(decode('other-and-bad.json')).toStrictEqual({
      events: [
        {
          type: 'unknown',
          provider: 'sendgrid',
          id: 'YWNjb3VudC1zdGF0dXMtMQ',
          occurredAt: new Date('2023-11-14T22:20:00.000Z'),
          providerEvent: 'account_status_change',
        },
        {
          type: 'queued',
          provider: 'sendgrid',
          id: '9d83e9fb04497180',
          recipient: 'noid@example.com',
          occurredAt: new Date('2023-11-14T22:20:01.000Z'),
          messageId: 'noid.filter0001.1',
        },
      ],
      issues: [
        { path: [2, 'email'], message: 'not an email address' },
        { path: [3, 'timestamp'], message: 'not a readable time (expected unix seconds)' },
        { path: [4, 'category'], message: 'expected a category name or a list of names' },
        { path: [5], message: 'expected an object, got a string' },
      ],
    });
  });

  it('refuses a body that is not an array when told it is SendGrid', () => {
    let caught: unknown;
    try {
      parseWebhook('{"event":"delivered"}', { provider: 'sendgrid' });
    } catch (error) {
      caught = error;
    }
    expect(isWebhookError(caught) && caught.code).toBe('invalid_payload');
  });
});

describe('SendGrid: detection', () => {
  for (const fixture of ['reference-example.json', 'anymail-samples.json', 'bounce-variants.json', 'custom-args.json', 'other-and-bad.json']) {
    it(`claims ${fixture} for sendgrid alone`, () => {
      expect(detectProvider(JSON.parse(fixtureText(`sendgrid/${fixture}`)))).toBe('sendgrid');
    });
  }

  it('does not claim arrays without SendGrid marks, or objects', () => {
    expect(sendgrid.detect([{ email: 'a@example.com', event: 'delivered' }])).toBe(false);
    expect(sendgrid.detect({ sg_event_id: 'x' })).toBe(false);
  });
});

interface SignedVector {
  publicKey: string;
  otherPublicKey: string;
  signature: string;
  badSignature?: string;
  timestamp: string;
  body: string;
  privateKeyPkcs8?: string;
}

const sdkVector = JSON.parse(fixtureText('sendgrid/signed/sdk-test-vector.json')) as SignedVector;
const projectVector = JSON.parse(fixtureText('sendgrid/signed/project-key-batch.json')) as SignedVector;

function headersOf(vector: SignedVector, signature = vector.signature, timestamp = vector.timestamp) {
  return {
    'X-Twilio-Email-Event-Webhook-Signature': signature,
    'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
  };
}

const secondsAfter = (vector: SignedVector, seconds: number) => new Date((Number(vector.timestamp) + seconds) * 1000);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isWebhookError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('SendGrid: the Signed Event Webhook', () => {
  it("verifies SendGrid's own SDK test vector", async () => {
    const verified = await verifyWebhook(
      { body: sdkVector.body, headers: headersOf(sdkVector) },
      { signingKeys: { sendgrid: sdkVector.publicKey }, now: secondsAfter(sdkVector, 10) },
    );
    expect(verified).toBe('sendgrid');
  });

  it('refuses a tampered body, a changed signature, a stale or future timestamp and a wrong key', async () => {
    const now = secondsAfter(sdkVector, 10);
    const keys = { sendgrid: sdkVector.publicKey };
    expect(await refusal(verifyWebhook({ body: 'payload', headers: headersOf(sdkVector) }, { signingKeys: keys, now }))).toBe(
      'invalid_signature: the SendGrid signature does not match',
    );
    expect(
      await refusal(verifyWebhook({ body: sdkVector.body, headers: headersOf(sdkVector, sdkVector.badSignature) }, { signingKeys: keys, now })),
    ).toBe('invalid_signature: the SendGrid signature does not match');
    expect(
      await refusal(verifyWebhook({ body: sdkVector.body, headers: headersOf(sdkVector) }, { signingKeys: keys, now: secondsAfter(sdkVector, 301) })),
    ).toBe('invalid_signature: the SendGrid signature timestamp is outside the allowed tolerance');
    expect(
      await refusal(verifyWebhook({ body: sdkVector.body, headers: headersOf(sdkVector) }, { signingKeys: keys, now: secondsAfter(sdkVector, -301) })),
    ).toBe('invalid_signature: the SendGrid signature timestamp is outside the allowed tolerance');
    expect(
      await refusal(
        verifyWebhook({ body: sdkVector.body, headers: headersOf(sdkVector) }, { signingKeys: { sendgrid: sdkVector.otherPublicKey }, now }),
      ),
    ).toBe('invalid_signature: the SendGrid signature does not match');
    expect(
      await refusal(verifyWebhook({ body: sdkVector.body, headers: headersOf(sdkVector, sdkVector.signature, 'timestamp') }, { signingKeys: keys, now })),
    ).toBe('invalid_signature: the SendGrid signature or timestamp header is missing or malformed');
    expect(
      await refusal(verifyWebhook({ body: sdkVector.body, headers: headersOf(sdkVector, 'bm90IGRlcg==') }, { signingKeys: keys, now })),
    ).toBe('invalid_signature: the SendGrid signature is not a base64 DER ECDSA signature');
  });

  it('accepts any of several keys (rotation), and disables the time check with Infinity', async () => {
    const request = { body: sdkVector.body, headers: headersOf(sdkVector) };
    const signingKeys = { sendgrid: [sdkVector.otherPublicKey, sdkVector.publicKey] };
    expect(await verifyWebhook(request, { signingKeys, now: secondsAfter(sdkVector, 60) })).toBe('sendgrid');
    expect(await verifyWebhook(request, { signingKeys, toleranceSeconds: Infinity })).toBe('sendgrid');
  });

  it('refuses a key that is not a base64 P-256 public key as invalid_options', async () => {
    expect(
      await refusal(
        verifyWebhook({ body: sdkVector.body, headers: headersOf(sdkVector) }, { signingKeys: { sendgrid: 'not-a-key' }, now: secondsAfter(sdkVector, 1) }),
      ),
    ).toBe('invalid_options: signingKeys.sendgrid must be the base64 public key SendGrid shows for the Signed Event Webhook');
  });

  it('signs the body with its trailing CRLF: stripping it breaks the signature', async () => {
    expect(projectVector.body.endsWith(']\r\n')).toBe(true);
    const options = { signingKeys: { sendgrid: projectVector.publicKey }, now: secondsAfter(projectVector, 0) };
    expect(await verifyWebhook({ body: projectVector.body, headers: headersOf(projectVector) }, options)).toBe('sendgrid');
    expect(await refusal(verifyWebhook({ body: projectVector.body.trimEnd(), headers: headersOf(projectVector) }, options))).toBe(
      'invalid_signature: the SendGrid signature does not match',
    );
    const decoded = parseWebhook(projectVector.body);
    expect(decoded.events).toHaveLength(11);
    expect(decoded.provider).toBe('sendgrid');
  });
});

describe('SendGrid: DER and raw ECDSA signatures', () => {
  it('round-trips integers with leading zero bytes and with the high bit set', () => {
    const raw = new Uint8Array(64);
    raw[2] = 0x01; // r starts with two zero bytes
    raw[32] = 0x80; // s needs a sign byte in DER
    raw[63] = 0x7f;
    const der = rawToDerSignature(raw);
    expect(Array.from(der.subarray(0, 4))).toEqual([0x30, der.length - 2, 0x02, 30]);
    expect(derToRawSignature(der)).toEqual(raw);
  });

  it('refuses truncated or over-long DER', () => {
    const der = rawToDerSignature(new Uint8Array(64).fill(0x11));
    expect(derToRawSignature(der.subarray(0, der.length - 1))).toBeUndefined();
    expect(derToRawSignature(Uint8Array.from([...der, 0]))).toBeUndefined();
  });
});

describe('SendGrid: the test kit', () => {
  const specs: EventSpec[] = [
    { type: 'queued', id: 'round-trip-1', recipient: 'a@example.com', occurredAt: new Date('2024-05-30T09:00:00.000Z'), messageId: 'msg-1', tags: ['welcome'] },
    { type: 'delivered', id: 'round-trip-2', recipient: 'a@example.com', occurredAt: new Date('2024-05-30T09:00:01.000Z'), smtp: { code: 250, text: '250 OK' } },
    { type: 'bounced', id: 'round-trip-3', recipient: 'b@example.com', occurredAt: new Date('2024-05-30T09:00:02.000Z'), bounce: 'soft' },
    { type: 'clicked', id: 'round-trip-4', recipient: 'c@example.com', occurredAt: new Date('2024-05-30T09:00:03.000Z'), url: 'https://example.com/x', metadata: { order: '7' } },
    { type: 'unsubscribed', id: 'round-trip-5', recipient: 'd@example.com', occurredAt: new Date('2024-05-30T09:00:04.000Z'), scope: 'list', listId: '42' },
  ];

  it('writes a body that decodes back to the specs', () => {
    const { body, contentType } = sendgrid.testKit!.buildBody(specs);
    expect(contentType).toBe('application/json');
    expect(body.endsWith('\r\n')).toBe(true);
    const { events, issues } = parseWebhook(body);
    expect(issues).toEqual([]);
    expect(events.map(withoutRaw)).toStrictEqual([
      { type: 'queued', provider: 'sendgrid', id: 'round-trip-1', recipient: 'a@example.com', occurredAt: new Date('2024-05-30T09:00:00.000Z'), messageId: 'msg-1', tags: ['welcome'] },
      { type: 'delivered', provider: 'sendgrid', id: 'round-trip-2', recipient: 'a@example.com', occurredAt: new Date('2024-05-30T09:00:01.000Z'), smtp: { code: 250, text: '250 OK' } },
      {
        type: 'bounced', provider: 'sendgrid', id: 'round-trip-3', recipient: 'b@example.com', occurredAt: new Date('2024-05-30T09:00:02.000Z'),
        bounce: 'soft', smtp: { code: 421, enhancedStatus: '4.0.0', text: '421 unknown recipient' },
      },
      {
        type: 'clicked', provider: 'sendgrid', id: 'round-trip-4', recipient: 'c@example.com', occurredAt: new Date('2024-05-30T09:00:03.000Z'),
        metadata: { order: '7' }, url: 'https://example.com/x',
      },
      { type: 'unsubscribed', provider: 'sendgrid', id: 'round-trip-5', recipient: 'd@example.com', occurredAt: new Date('2024-05-30T09:00:04.000Z'), listId: '42', scope: 'list' },
    ]);
  });

  it('signs a body so that verifyWebhook accepts it with the matching public key', async () => {
    const { body } = sendgrid.testKit!.buildBody(specs);
    const timestamp = new Date('2024-05-30T09:00:00.000Z');
    const headers = await sendgrid.testKit!.signHeaders!(body, projectVector.privateKeyPkcs8!, { timestamp });
    expect(headers['x-twilio-email-event-webhook-timestamp']).toBe('1717059600');
    const options = { signingKeys: { sendgrid: projectVector.publicKey }, now: timestamp };
    expect(await verifyWebhook({ body, headers }, options)).toBe('sendgrid');
    expect(await refusal(verifyWebhook({ body: body.replace('a@example.com', 'z@example.com'), headers }, options))).toBe(
      'invalid_signature: the SendGrid signature does not match',
    );
  });
});

describe('SendGrid: derived ids', () => {
  it('hash normalized values: a time as number or string and two spellings of an address give one id', () => {
    const item = { event: 'processed', 'smtp-id': '<x@ismtpd-1>', sg_message_id: 'm.filter0001.1' };
    const a = parseWebhook(JSON.stringify([{ ...item, email: 'Noid@Example.com', timestamp: 1700000401 }])).events[0]!;
    const b = parseWebhook(JSON.stringify([{ ...item, email: ' noid@example.com ', timestamp: '1700000401' }])).events[0]!;
    const c = parseWebhook(JSON.stringify([{ ...item, email: 'noid@example.com', timestamp: 1700000402 }])).events[0]!;
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('SendGrid: signing keys for the test kit', () => {
  it('takes the private key as base64 PKCS#8, as a JWK object, or as JWK text', async () => {
    const pkcs8 = Uint8Array.from(atob(projectVector.privateKeyPkcs8!), (c) => c.charCodeAt(0));
    const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const jwk = (await crypto.subtle.exportKey('jwk', key)) as SigningJwk;
    const body = projectVector.body;
    const timestamp = new Date(Number(projectVector.timestamp) * 1000);
    const options = { signingKeys: { sendgrid: projectVector.publicKey }, now: timestamp };
    for (const signingKey of [projectVector.privateKeyPkcs8!, jwk, JSON.stringify(jwk)]) {
      const headers = await signSendgridBody(body, signingKey, { timestamp });
      expect(await verifyWebhook({ body, headers }, options)).toBe('sendgrid');
    }
    await expect(signSendgridBody(body, 'not base64!')).rejects.toThrow(TypeError);
  });
});

describe.each(ADAPTERS)('SendGrid on the %s adapter', (kind) => {
  async function serve(options: { signatureToleranceSeconds?: number } = {}) {
    const server = await startAdapter(kind, { signingKeys: { sendgrid: projectVector.publicKey }, secret: false, onEvents() {}, ...options });
    onTestFinished(() => server.close());
    return server.origin;
  }

  it("accepts the signed fixture batch byte for byte (its trailing CRLF included)", async () => {
    const origin = await serve({ signatureToleranceSeconds: Number.POSITIVE_INFINITY });
    const reply = await send(`${origin}/hook`, { body: projectVector.body, headers: { 'content-type': 'application/json', ...headersOf(projectVector) } });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ provider: 'sendgrid', events: 11, issues: 0, duplicates: 0 });
  });

  it('accepts a freshly signed body and refuses a tampered one with 401 invalid_signature', async () => {
    const origin = await serve();
    const { body } = sendgrid.testKit!.buildBody([{ type: 'delivered', recipient: 'ann@example.com' }, { type: 'opened', recipient: 'ann@example.com' }]);
    const headers = { 'content-type': 'application/json', ...(await sendgrid.testKit!.signHeaders!(body, projectVector.privateKeyPkcs8!)) };
    const good = await send(`${origin}/hook`, { body, headers });
    expect(good.status).toBe(200);
    expect(good.json).toEqual({ provider: 'sendgrid', events: 2, issues: 0, duplicates: 0 });
    const bad = await send(`${origin}/hook`, { body: body.replace('ann@', 'bob@'), headers });
    expect(bad.status).toBe(401);
    expect((bad.json as { error: { code: string } }).error.code).toBe('invalid_signature');
  });
});

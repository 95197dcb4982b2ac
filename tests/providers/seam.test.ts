import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_PROVIDERS,
  PROVIDER_NAMES,
  WebhookError,
  defineProvider,
  detectProvider,
  parseWebhook,
  verifyWebhook,
} from '../../src/index.js';
import { expressWebhook } from '../../src/adapters/express.js';
import { fixtureText } from '../helpers/fixtures.js';
import { testOnly } from './test-only/index.js';

const withTestOnly = [...BUILT_IN_PROVIDERS, testOnly];
const body = JSON.stringify({
  testOnly: [
    { kind: 'delivered', to: ' A@Example.com ', at: 1_700_000_000, ref: 'r1' },
    { kind: 'bounced', to: 'b@example.com', at: 1_700_000_001, ref: 'r2' },
  ],
});

function caught(run: () => unknown): WebhookError {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookError) return error;
    throw error;
  }
  throw new Error('expected a WebhookError');
}

describe('a provider of its own folder, registered in a test', () => {
  it('is detected among the built-ins, decodes, reads headers and reports bad items', () => {
    expect(detectProvider(JSON.parse(body), withTestOnly)).toBe('test-only');
    const result = parseWebhook(body, { providers: withTestOnly, headers: { 'X-Test-Only-Batch': 'b7' } });
    expect(result.provider).toBe('test-only');
    expect(result.events).toEqual([
      {
        type: 'delivered',
        provider: 'test-only',
        id: 'b7:r1',
        recipient: 'a@example.com',
        occurredAt: new Date('2023-11-14T22:13:20.000Z'),
        raw: { kind: 'delivered', to: ' A@Example.com ', at: 1_700_000_000, ref: 'r1' },
      },
    ]);
    expect(result.issues).toEqual([
      {
        path: ['testOnly', 1],
        message: 'not a test-only item',
        input: { kind: 'bounced', to: 'b@example.com', at: 1_700_000_001, ref: 'r2' },
      },
    ]);
  });

  it('is a valid provider option by name among the providers given, or as the object itself', () => {
    expect(parseWebhook(body, { providers: withTestOnly, provider: 'test-only' }).events).toHaveLength(1);
    expect(parseWebhook(body, { provider: testOnly }).events).toHaveLength(1);
    expect(caught(() => parseWebhook(body, { provider: 'test-only' })).message).toBe(
      `provider "test-only" is not one of ${PROVIDER_NAMES.join(', ')}`,
    );
    expect(caught(() => parseWebhook(body)).code).toBe('unknown_provider');
  });

  it('is accepted by the adapters, which check options with the same resolver', () => {
    expect(() => expressWebhook({ secret: 's', providers: withTestOnly, provider: 'test-only', onEvents() {} })).not.toThrow();
    const adapterError = caught(() => expressWebhook({ secret: 's', provider: 'test-only', onEvents() {} }));
    const coreError = caught(() => parseWebhook('[]', { provider: 'test-only' }));
    expect(adapterError.code).toBe('invalid_options');
    expect(adapterError.message).toBe(coreError.message);
  });
});

describe('order-free detection', () => {
  const claimsEverything = defineProvider({
    name: 'greedy',
    title: 'Greedy',
    detect: () => true,
    countItems: (value) => (Array.isArray(value) ? value.length : 1),
    decode() {},
  });

  it('refuses a body that two providers claim, naming both and the provider option', () => {
    const sendpulseBody = fixtureText('sendpulse/delivered.json');
    const error = caught(() => parseWebhook(sendpulseBody, { providers: [claimsEverything, ...BUILT_IN_PROVIDERS] }));
    expect(error.code).toBe('unknown_provider');
    expect(error.message).toBe('body could come from greedy, sendpulse; set the provider option to say which');
    // The order of the list does not matter.
    const reversed = caught(() => parseWebhook(sendpulseBody, { providers: [...BUILT_IN_PROVIDERS, claimsEverything] }));
    expect(reversed.message).toBe('body could come from sendpulse, greedy; set the provider option to say which');
    expect(parseWebhook(sendpulseBody, { providers: [claimsEverything, ...BUILT_IN_PROVIDERS], provider: 'sendpulse' }).events)
      .toHaveLength(1);
  });

  it('gives an empty batch, which holds nothing to misattribute, to the first claimant', () => {
    expect(parseWebhook('[]', { providers: [claimsEverything, ...BUILT_IN_PROVIDERS] })).toEqual({
      provider: 'greedy',
      events: [],
      issues: [],
    });
  });

  it('names every known provider when none claims the body', () => {
    expect(caught(() => parseWebhook('{"hello":"world"}')).message).toBe(
      `body is not a webhook of a known provider (${PROVIDER_NAMES.join(', ')}); set the provider option if it is one`,
    );
  });

  const root = new URL('../../fixtures/', import.meta.url);
  for (const provider of BUILT_IN_PROVIDERS) {
    it(`claims every ${provider.title} fixture for ${provider.name} alone`, () => {
      const files = readdirSync(new URL(`${provider.name}/`, root)).filter((file) => file.endsWith('.json'));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        let value: unknown;
        try {
          value = JSON.parse(fixtureText(`${provider.name}/${file}`));
        } catch {
          continue; // deliberately malformed JSON (a trailing comma): nothing to detect
        }
        const claimants = BUILT_IN_PROVIDERS.filter((candidate) => candidate.detect(value)).map((p) => p.name);
        expect({ file, claimants }).toEqual({ file, claimants: [provider.name] });
      }
    });
  }

  it('leaves the shapes of fixtures/invalid to no provider', () => {
    const value: unknown = JSON.parse(fixtureText('invalid/unknown-shape.json'));
    expect(BUILT_IN_PROVIDERS.filter((candidate) => candidate.detect(value))).toEqual([]);
  });
});

describe('options are checked once, the same way everywhere', () => {
  it('refuses a fractional maxItems in parseWebhook as the adapters do', () => {
    const core = caught(() => parseWebhook('[]', { maxItems: 2.5 }));
    const adapter = caught(() => expressWebhook({ secret: 's', maxItems: 2.5, onEvents() {} }));
    expect(core.code).toBe('invalid_options');
    expect(core.message).toBe('maxItems must be a whole number of items');
    expect(adapter.message).toBe(core.message);
  });

  it('refuses an unknown time zone and a providers list naming one provider twice', () => {
    expect(caught(() => parseWebhook('[]', { timeZone: 'Mars/Olympus' })).message).toBe(
      'timeZone "Mars/Olympus" is not a time zone',
    );
    expect(caught(() => parseWebhook('[]', { providers: [testOnly, testOnly] })).message).toBe(
      'providers lists "test-only" twice',
    );
  });
});

describe('verifyWebhook with a provider of its own', () => {
  const key = 'test-only-key';
  const now = new Date('2026-01-01T00:00:00.000Z');
  const signedAt = new Date('2025-12-31T23:58:00.000Z');

  async function signed(bodyText = body, at = signedAt, signingKey = key) {
    return { body: bodyText, headers: await testOnly.testKit!.signHeaders!(bodyText, signingKey, { timestamp: at }) };
  }

  async function refusal(run: Promise<unknown>): Promise<WebhookError> {
    const error = await run.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    if (!(error instanceof WebhookError)) throw new Error(`expected a WebhookError, got ${String(error)}`);
    return error;
  }

  it('names the provider whose signature verified, with any of several keys', async () => {
    const options = { signingKeys: { 'test-only': ['old-key', key] }, providers: withTestOnly, now };
    await expect(verifyWebhook(await signed(), options)).resolves.toBe('test-only');
    const bytes = await signed();
    await expect(verifyWebhook({ ...bytes, body: new TextEncoder().encode(bytes.body) }, options)).resolves.toBe(
      'test-only',
    );
  });

  it('refuses tampered, stale, wrongly keyed and unsigned requests with invalid_signature', async () => {
    const options = { signingKeys: { 'test-only': key }, providers: withTestOnly, now };
    const good = await signed();
    const tampered = await refusal(verifyWebhook({ ...good, body: good.body.replace('r1', 'r9') }, options));
    expect([tampered.code, tampered.status, tampered.message]).toEqual([
      'invalid_signature',
      401,
      'the test-only signature does not match',
    ]);
    const stale = await refusal(verifyWebhook(await signed(body, new Date('2025-12-31T23:54:59.000Z')), options));
    expect(stale.message).toBe('the test-only timestamp is missing or stale');
    const wrongKey = await refusal(verifyWebhook(await signed(body, signedAt, 'other'), options));
    expect(wrongKey.code).toBe('invalid_signature');
    const unsigned = await refusal(verifyWebhook({ body, headers: {} }, options));
    expect(unsigned.message).toBe('the request carries no signature of a provider with a signing key');
  });

  it('skips the time check with an infinite tolerance', async () => {
    const old = await signed(body, new Date('2020-01-01T00:00:00.000Z'));
    await expect(
      verifyWebhook(old, { signingKeys: { 'test-only': key }, providers: withTestOnly, now, toleranceSeconds: Infinity }),
    ).resolves.toBe('test-only');
  });

  it('refuses keys for a provider that does not sign, and empty keys', async () => {
    const error = await refusal(verifyWebhook(await signed(), { signingKeys: { lingdong: 'k' }, providers: withTestOnly }));
    expect(error.code).toBe('invalid_options');
    expect(error.message.startsWith('signingKeys.lingdong: not a provider that signs its requests')).toBe(true);
    const empty = await refusal(verifyWebhook(await signed(), { signingKeys: { 'test-only': [] }, providers: withTestOnly }));
    expect(empty.message).toBe('signingKeys.test-only must be a non-empty key or list of keys');
  });
});

import http from 'node:http';
import { gzipSync } from 'node:zlib';
import express, { type RequestHandler } from 'express';
import { describe, expect, onTestFinished, test } from 'vitest';
import { expressWebhook } from '../../src/adapters/express.js';
import { nodeWebhook } from '../../src/adapters/node.js';
import type { WebhookHandlerOptions } from '../../src/adapters/shared/options.js';
import { BUILT_IN_PROVIDERS, type WebhookResult } from '../../src/index.js';
import { testOnly } from '../providers/test-only/index.js';
import { send } from './support/http.js';
import { ADAPTERS, listenOnLoopback, startAdapter, type AdapterKind } from './support/servers.js';

// The signing provider that exists only in tests (tests/providers/test-only): one folder, registered here.
const BODY = JSON.stringify({ testOnly: [{ kind: 'delivered', to: 'ann@example.com', at: 1767323045, ref: '222016111000001234' }] });
const KEY = 'test-only-key-1';

async function signed(body: string, key = KEY, ageSeconds = 0): Promise<Record<string, string>> {
  const timestamp = new Date(Date.now() - ageSeconds * 1000);
  return { 'content-type': 'application/json', ...(await testOnly.testKit!.signHeaders!(body, key, { timestamp })) };
}

async function serve(kind: AdapterKind, options: Partial<WebhookHandlerOptions<unknown>>) {
  const results: WebhookResult[] = [];
  const errors: unknown[] = [];
  const server = await startAdapter(kind, {
    providers: [...BUILT_IN_PROVIDERS, testOnly],
    onEvents: (result) => void results.push(result),
    onError: (error) => void errors.push(error),
    ...options,
  });
  onTestFinished(() => server.close());
  return { origin: server.origin, results, errors };
}

describe.each(ADAPTERS)('%s adapter: signingKeys', (kind) => {
  test('a signed request that verifies is decoded as the provider whose signature verified', async () => {
    const { origin, results } = await serve(kind, { signingKeys: { 'test-only': KEY }, secret: false });
    const reply = await send(`${origin}/hook`, { body: BODY, headers: await signed(BODY) });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ provider: 'test-only', events: 1, issues: 0, duplicates: 0 });
    expect(
      results.map((result) =>
        result.events.map((event) => [event.provider, event.id, event.recipient, event.occurredAt?.toISOString()]),
      ),
    ).toEqual([[['test-only', '222016111000001234', 'ann@example.com', '2026-01-02T03:04:05.000Z']]]);
  });

  test('bad, stale and missing signatures are 401 invalid_signature and never reach onEvents', async () => {
    const { origin, results } = await serve(kind, { signingKeys: { 'test-only': KEY }, secret: false });
    const attempts: Array<[string, Record<string, string>]> = [
      ['wrong key', await signed(BODY, 'other-key')],
      ['stale', await signed(BODY, KEY, 301)],
      ['body changed', { ...(await signed(BODY)) }],
      ['unsigned', { 'content-type': 'application/json' }],
    ];
    for (const [name, headers] of attempts) {
      const body = name === 'body changed' ? BODY.replace('ann@', 'bob@') : BODY;
      const reply = await send(`${origin}/hook`, { body, headers });
      expect(reply.status, name).toBe(401);
      expect((reply.json as { error: { code: string } }).error.code, name).toBe('invalid_signature');
    }
    expect(results).toEqual([]);
  });

  test('every key of a list verifies (rotation), and an Infinity tolerance takes old timestamps', async () => {
    const { origin } = await serve(kind, {
      signingKeys: { 'test-only': ['old-key', 'new-key'] },
      signatureToleranceSeconds: Number.POSITIVE_INFINITY,
      secret: false,
    });
    for (const key of ['old-key', 'new-key']) {
      const reply = await send(`${origin}/hook`, { body: BODY, headers: await signed(BODY, key, 86_400) });
      expect(reply.status, key).toBe(200);
    }
  });

  test('with a secret too: unsigned requests need the secret, signed ones must still verify', async () => {
    const { origin } = await serve(kind, { signingKeys: { 'test-only': KEY }, secret: 'shared-secret' });
    const plain = { 'content-type': 'application/json' };
    expect((await send(`${origin}/hook?token=shared-secret`, { body: BODY, headers: plain })).status).toBe(200);
    const noSecret = await send(`${origin}/hook`, { body: BODY, headers: plain });
    expect(noSecret.status).toBe(401);
    expect((noSecret.json as { error: { code: string } }).error.code).toBe('unauthorized');
    const forged = await send(`${origin}/hook?token=shared-secret`, { body: BODY, headers: await signed(BODY, 'forged') });
    expect(forged.status).toBe(401);
    expect((forged.json as { error: { code: string } }).error.code).toBe('invalid_signature');
    expect((await send(`${origin}/hook`, { body: BODY, headers: await signed(BODY) })).status).toBe(200);
  });

  test('a gzip body verifies over its decoded bytes, which is what providers sign', async () => {
    const { origin } = await serve(kind, { signingKeys: { 'test-only': KEY }, secret: false });
    const headers = { ...(await signed(BODY)), 'content-encoding': 'gzip' };
    const reply = await send(`${origin}/hook`, { body: gzipSync(BODY), headers });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ provider: 'test-only', events: 1, issues: 0, duplicates: 0 });
  });
});

test('signingKeys for a provider that does not sign, or unusable keys, are refused at creation', () => {
  const create = (options: Partial<WebhookHandlerOptions<unknown>>) => () =>
    nodeWebhook({ providers: [...BUILT_IN_PROVIDERS, testOnly], onEvents() {}, ...options });
  expect(create({ signingKeys: { lingdong: 'k' } })).toThrow(/signingKeys\.lingdong: not a provider that signs/);
  expect(create({ signingKeys: { 'test-only': '' } })).toThrow('signingKeys.test-only must be a non-empty key or list of keys');
  expect(create({ signingKeys: { 'test-only': KEY }, signatureToleranceSeconds: -1 })).toThrow(/tolerance/);
  expect(create({ secret: 'x', signatureToleranceSeconds: 60 })).toThrow('signatureToleranceSeconds needs signingKeys');
});

describe('express: signatures after a body parser', () => {
  async function serveAfter(parser: RequestHandler) {
    const errors: unknown[] = [];
    const app = express();
    app.post(
      '/hook',
      parser,
      expressWebhook({
        providers: [...BUILT_IN_PROVIDERS, testOnly],
        signingKeys: { 'test-only': KEY },
        secret: false,
        warn: false,
        onEvents() {},
        onError: (error) => void errors.push(error),
      }),
    );
    const server = await listenOnLoopback(http.createServer(app));
    onTestFinished(() => server.close());
    return { url: `${server.origin}/hook`, errors };
  }

  test('express.json() whose verify hook saved req.rawBody: the signature is checked over those bytes', async () => {
    const saveRawBody = (req: unknown, _res: unknown, buf: Buffer): void => {
      (req as { rawBody?: Buffer }).rawBody = buf;
    };
    const { url } = await serveAfter(express.json({ verify: saveRawBody }));
    expect((await send(url, { body: BODY, headers: await signed(BODY) })).status).toBe(200);
    expect((await send(url, { body: BODY, headers: await signed(BODY, 'forged') })).status).toBe(401);
  });

  test('express.json() without req.rawBody: 500 invalid_options, and onError says how to keep the bytes', async () => {
    const { url, errors } = await serveAfter(express.json());
    const reply = await send(url, { body: BODY, headers: await signed(BODY) });
    expect(reply.status).toBe(500);
    expect((reply.json as { error: { code: string } }).error.code).toBe('invalid_options');
    expect((errors[0] as Error).message).toContain('req.rawBody');
  });
});

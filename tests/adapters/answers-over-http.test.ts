import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, onTestFinished, test } from 'vitest';
import type { WebhookHandlerOptions } from '../../src/adapters/shared/options.js';
import { isWebhookError, parseWebhook, type WebhookResult } from '../../src/index.js';
import { allFixtures, fixture } from '../helpers/fixtures.js';
import { basicAuth, send, type Reply } from './support/http.js';
import { lingdongBatch, sendpulseBatch } from './support/provider-batches.js';
import { ADAPTERS, startAdapter, type AdapterKind } from './support/servers.js';

const SECRET = 'correct horse battery staple';
const TOKEN = `token=${encodeURIComponent(SECRET)}`;

interface Recorder {
  results: WebhookResult[];
  errors: unknown[];
  contexts: unknown[];
}

async function serve(
  kind: AdapterKind,
  overrides: Partial<WebhookHandlerOptions<unknown>> = {},
): Promise<{ origin: string; seen: Recorder }> {
  const seen: Recorder = { results: [], errors: [], contexts: [] };
  const server = await startAdapter(kind, {
    secret: SECRET,
    onEvents(result, context) {
      seen.results.push(result);
      seen.contexts.push(context);
    },
    onError: (error) => seen.errors.push(error),
    ...overrides,
  });
  onTestFinished(() => server.close());
  return { origin: server.origin, seen };
}

function expectErrorBody(reply: Reply, status: number, code: string): void {
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(reply.json).toEqual({ error: { code, message: expect.any(String) } });
}

describe.each(ADAPTERS)('%s adapter answers', (kind) => {
  test('every fixture gets the answer parseWebhook implies, and onEvents gets exactly the decoded batch', async () => {
    const { origin, seen } = await serve(kind);
    for (const { name, bytes } of allFixtures()) {
      let expected: WebhookResult | undefined;
      let refusal: unknown;
      try {
        expected = parseWebhook(new Uint8Array(bytes));
      } catch (error) {
        refusal = error;
      }
      seen.results.length = 0;
      const reply = await send(`${origin}/hook?${TOKEN}`, { body: bytes, headers: { 'content-type': 'application/json' } });
      if (expected !== undefined) {
        expect(reply.status, name).toBe(200);
        expect(reply.json, name).toEqual({
          provider: expected.provider,
          events: expected.events.length,
          issues: expected.issues.length,
          duplicates: 0,
        });
        expect(seen.results, name).toEqual([expected]);
      } else {
        if (!isWebhookError(refusal)) throw refusal;
        expectErrorBody(reply, refusal.status, refusal.code);
        expect(seen.results, name).toEqual([]);
      }
      expect(Number(reply.headers['content-length']), name).toBe(reply.body.byteLength);
    }
  });

  test('ids beyond 2^53 reach onEvents with every digit', async () => {
    const { origin, seen } = await serve(kind);
    const reply = await send(`${origin}/hook?${TOKEN}`, { body: fixture('lingdong/article.json') });
    expect(reply.status).toBe(200);
    expect(seen.results[0]!.events.map((event) => event.id)).toContain('222016111000001234');
  });

  test('the secret is accepted as the Basic password, with any user name', async () => {
    const { origin, seen } = await serve(kind);
    const reply = await send(`${origin}/hook`, {
      body: fixture('sendpulse/delivered.json'),
      headers: { authorization: basicAuth('hooks', SECRET) },
    });
    expect(reply.status).toBe(200);
    expect(seen.results).toHaveLength(1);
  });

  test('a missing or wrong secret is answered 401 and never reaches onEvents', async () => {
    const { origin, seen } = await serve(kind);
    const body = fixture('sendpulse/delivered.json');
    const attempts: Array<[string, Record<string, string>]> = [
      ['/hook', {}],
      ['/hook?token=', {}],
      ['/hook?token=wrong', {}],
      [`/hook?token=${encodeURIComponent(SECRET.slice(0, -1))}`, {}],
      [`/hook?token=${encodeURIComponent(`${SECRET}x`)}`, {}],
      ['/hook', { authorization: basicAuth('hooks', 'wrong') }],
      ['/hook', { authorization: basicAuth(SECRET, '') }],
      ['/hook', { authorization: `Bearer ${SECRET}` }],
      ['/hook', { authorization: 'Basic !!!not-base64' }],
    ];
    for (const [path, headers] of attempts) {
      const reply = await send(`${origin}${path}`, { body, headers });
      expectErrorBody(reply, 401, 'unauthorized');
      expect(reply.headers['www-authenticate']).toMatch(/^Basic /);
    }
    expect(seen.results).toEqual([]);
    expect(seen.errors).toHaveLength(attempts.length);
  });

  test('with secret: false every request is let in', async () => {
    const { origin, seen } = await serve(kind, { secret: false });
    const reply = await send(`${origin}/hook`, { body: fixture('sendpulse/delivered.json') });
    expect(reply.status).toBe(200);
    expect(seen.results).toHaveLength(1);
  });

  test('methods other than POST and HEAD are answered 405 with Allow: POST, HEAD', async () => {
    const { origin, seen } = await serve(kind);
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const reply = await send(`${origin}/hook?${TOKEN}`, { method, body: method === 'GET' ? undefined : '[]' });
      expectErrorBody(reply, 405, 'method_not_allowed');
      expect(reply.headers.allow).toBe('POST, HEAD');
    }
    expect(seen.results).toEqual([]);
  });

  test('the content type is not trusted either way: the body decides', async () => {
    const { origin, seen } = await serve(kind);
    const body = fixture('sendpulse/delivered.json');
    for (const type of ['text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded']) {
      const reply = await send(`${origin}/hook?${TOKEN}`, { body, headers: { 'content-type': type } });
      expect(reply.status, type).toBe(200);
    }
    const form = await send(`${origin}/hook?${TOKEN}`, {
      body: 'event=delivered&recipient=a%40example.com',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectErrorBody(form, 400, 'invalid_json');
    const multipart = await send(`${origin}/hook?${TOKEN}`, {
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    expectErrorBody(multipart, 400, 'invalid_json');
    expect(seen.results).toHaveLength(3);
  });

  test('a partial batch is acknowledged with 200 and its issues go to onEvents', async () => {
    const { origin, seen } = await serve(kind);
    const reply = await send(`${origin}/hook?${TOKEN}`, { body: fixture('lingdong/partial-bad.json') });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ provider: 'lingdong', events: 4, issues: 4, duplicates: 0 });
    expect(seen.results[0]!.issues.map((issue) => issue.path.slice(0, 2))).toEqual([
      ['delivered', 1],
      ['clicks', 1],
      ['opens', 0],
      ['unsubscriptions', 1],
    ]);
  });

  test('strict mode refuses a partial batch with 400 and never calls onEvents', async () => {
    const { origin, seen } = await serve(kind, { strict: true });
    const reply = await send(`${origin}/hook?${TOKEN}`, { body: fixture('lingdong/partial-bad.json') });
    expectErrorBody(reply, 400, 'invalid_payload');
    expect(seen.results).toEqual([]);
  });

  test('a batch of more items than maxItems is answered 413 and never reaches onEvents', async () => {
    const { origin, seen } = await serve(kind, { maxItems: 6 });
    expectErrorBody(await send(`${origin}/hook?${TOKEN}`, { body: fixture('lingdong/article.json') }), 413, 'payload_too_large');
    expect(seen.results).toEqual([]);
    expect((await send(`${origin}/hook?${TOKEN}`, { body: fixture('lingdong/receipts.json') })).status).toBe(200);
  });

  test('a named provider refuses the other provider\'s body with 400', async () => {
    const { origin } = await serve(kind, { provider: 'sendpulse' });
    expectErrorBody(await send(`${origin}/hook?${TOKEN}`, { body: fixture('lingdong/article.json') }), 400, 'invalid_payload');
    expect((await send(`${origin}/hook?${TOKEN}`, { body: fixture('sendpulse/delivered.json') })).status).toBe(200);
  });

  test('the 200 is sent only after an async onEvents resolved', async () => {
    let finished = false;
    const { origin } = await serve(kind, {
      async onEvents() {
        await sleep(150);
        finished = true;
      },
    });
    const reply = await send(`${origin}/hook?${TOKEN}`, { body: fixture('sendpulse/mixed-batch.json') });
    expect(reply.status).toBe(200);
    expect(finished).toBe(true);
  });

  test('onEvents throwing or rejecting is answered 500 without its message, and onError gets the error', async () => {
    const secretDetail = 'db password=hunter2 at /srv/app/handler.ts:12';
    for (const failure of ['throw', 'reject'] as const) {
      const { origin, seen } = await serve(kind, {
        onEvents: failure === 'throw'
          ? () => {
              throw new Error(secretDetail);
            }
          : async () => {
              await sleep(10);
              throw new TypeError(secretDetail);
            },
      });
      const reply = await send(`${origin}/hook?${TOKEN}`, { body: fixture('sendpulse/delivered.json') });
      expectErrorBody(reply, 500, 'handler_failed');
      expect(reply.text).not.toContain('hunter2');
      expect(reply.text).not.toContain('handler.ts');
      expect(reply.text).not.toMatch(/\bat\s/);
      expect(seen.errors).toHaveLength(1);
      expect((seen.errors[0] as Error).message).toBe(secretDetail);
    }
  });

  test('an onError that throws changes nothing', async () => {
    const { origin } = await serve(kind, {
      onError() {
        throw new Error('logger down');
      },
    });
    expectErrorBody(await send(`${origin}/hook?token=wrong`, { body: '[]' }), 401, 'unauthorized');
    expect((await send(`${origin}/hook?${TOKEN}`, { body: '[]' })).status).toBe(200);
  });

  test('an async onError that rejects changes nothing and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    onTestFinished(() => {
      process.off('unhandledRejection', onUnhandled);
    });
    let called = 0;
    const { origin } = await serve(kind, {
      async onError() {
        called++;
        throw new Error('log sink unavailable');
      },
    });
    expectErrorBody(await send(`${origin}/hook?token=wrong`, { body: '[]' }), 401, 'unauthorized');
    expect((await send(`${origin}/hook?${TOKEN}`, { body: '[]' })).status).toBe(200);
    await sleep(50);
    expect(called).toBe(1);
    expect(unhandled).toEqual([]);
  });

  test('onEvents gets the framework request objects', async () => {
    const { origin, seen } = await serve(kind);
    await send(`${origin}/hook?${TOKEN}`, { body: '[]', headers: { 'x-delivery': 'abc' } });
    const context = seen.contexts[0] as Record<string, unknown>;
    if (kind === 'fetch') {
      expect((context.request as Request).headers.get('x-delivery')).toBe('abc');
    } else {
      expect((context.req as { headers: Record<string, string> }).headers['x-delivery']).toBe('abc');
      expect(context.res).toBeDefined();
    }
  });

  test('a 1000-item body of either provider fits the default limit and is taken whole', async () => {
    const { origin, seen } = await serve(kind);
    const bodies = [lingdongBatch(1000), lingdongBatch(1000, ['complaints']), sendpulseBatch(1000)];
    for (const body of bodies) {
      const reply = await send(`${origin}/hook?${TOKEN}`, { body });
      expect(reply.status).toBe(200);
      expect(reply.json).toMatchObject({ events: 1000, issues: 0 });
    }
    expect(seen.results.map((result) => result.events.length)).toEqual([1000, 1000, 1000]);
    expect(seen.results[0]!.events[0]!.id).toBe('22201603016582230');
  });
});

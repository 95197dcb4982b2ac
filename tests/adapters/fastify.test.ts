import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { fastifyWebhook } from '../../src/adapters/fastify.js';
import type { WebhookResult } from '../../src/index.js';
import { buildBody } from '../../src/testing/index.js';

const SECRET = 'correct horse battery staple';
const opened = buildBody('lingdong', [{ type: 'opened', recipient: 'ann@example.com', id: '22201606019253710' }]);

let app: ReturnType<typeof Fastify> | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(seen: WebhookResult[], maxBodyBytes?: number): Promise<string> {
  const server = Fastify();
  app = server;
  // The application's own JSON route: the plugin must leave its parser alone.
  server.post('/api/echo', async (request) => ({ parsed: request.body }));
  await server.register(
    fastifyWebhook({ secret: SECRET, maxBodyBytes, onEvents: (result) => void seen.push(result) }),
    { prefix: '/webhooks/email' },
  );
  return server.listen({ port: 0, host: '127.0.0.1' });
}

const post = (url: string, body: string, type = 'application/json') =>
  fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

describe('fastifyWebhook', () => {
  it('accepts a batch with the exact bytes (big ids intact) and answers 200', async () => {
    const seen: WebhookResult[] = [];
    const origin = await start(seen);
    const response = await post(`${origin}/webhooks/email?token=${encodeURIComponent(SECRET)}`, opened.body);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ provider: 'lingdong', events: 1, issues: 0, duplicates: 0 });
    expect(seen[0]!.events[0]!.id).toBe('22201606019253710');
  });

  it('leaves the application JSON parser as it was', async () => {
    const origin = await start([]);
    const response = await post(`${origin}/api/echo`, '{"a":1}');
    expect(await response.json()).toEqual({ parsed: { a: 1 } });
  });

  it.each([
    ['wrong secret', 'POST', '?token=nope', opened.body, 401, 'unauthorized'],
    ['GET', 'GET', `?token=${encodeURIComponent(SECRET)}`, undefined, 405, 'method_not_allowed'],
    ['not JSON', 'POST', `?token=${encodeURIComponent(SECRET)}`, 'not json', 400, 'invalid_json'],
    ['too large', 'POST', `?token=${encodeURIComponent(SECRET)}`, `[${' '.repeat(200)}]`, 413, 'payload_too_large'],
  ])('answers %s like the other adapters', async (_name, method, query, body, status, code) => {
    const origin = await start([], 100);
    const response = await fetch(`${origin}/webhooks/email${query}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'text/plain' },
      body,
    });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });
});

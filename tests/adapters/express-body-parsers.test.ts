import http from 'node:http';
import express, { type RequestHandler } from 'express';
import { afterEach, describe, expect, onTestFinished, test, vi } from 'vitest';
import { expressWebhook, PARSED_BODY_WARNING, type ExpressWebhookOptions } from '../../src/adapters/express.js';
import { parseWebhook, type WebhookResult } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { send } from './support/http.js';
import { lingdongBatch } from './support/provider-batches.js';
import { listenOnLoopback } from './support/servers.js';

const EXACT_ID = '222016111000001234';

async function serveExpress(parsers: RequestHandler[], options: Partial<ExpressWebhookOptions> = {}) {
  const results: WebhookResult[] = [];
  const app = express();
  app.post('/hook', ...parsers, expressWebhook({ secret: false, onEvents: (result) => void results.push(result), ...options }));
  const server = await listenOnLoopback(http.createServer(app));
  onTestFinished(() => server.close());
  return { url: `${server.origin}/hook`, results };
}

const article = fixture('lingdong/article.json');
const ids = (result: WebhookResult | undefined) => result?.events.map((event) => event.id) ?? [];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('express body parsers in front of expressWebhook', () => {
  const exact: Array<[string, RequestHandler[]]> = [
    ['no parser (recommended)', []],
    ["express.raw({ type: '*/*' })", [express.raw({ type: '*/*', limit: '8mb' })]],
    ["express.text({ type: '*/*' })", [express.text({ type: '*/*', limit: '8mb' })]],
    ['express.json() skipping a non-JSON content type', [express.json()]],
    ['express.urlencoded() skipping a non-form content type', [express.urlencoded({ extended: false })]],
  ];
  test.each(exact)('%s: the body is read exactly, with no warning', async (_name, parsers) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { url, results } = await serveExpress(parsers);
    const reply = await send(url, { body: article, headers: { 'content-type': 'text/plain' } });
    expect(reply.status).toBe(200);
    expect(ids(results[0])).toContain(EXACT_ID);
    expect(warn).not.toHaveBeenCalled();
  });

  test('express.json(): the parsed body is used without hanging, and a warning says once that digits may be lost', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { url, results } = await serveExpress([express.json()]);
    for (let index = 0; index < 3; index++) {
      const reply = await send(url, { body: article, headers: { 'content-type': 'application/json' } });
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ provider: 'lingdong', events: 7, issues: 0, duplicates: 0 });
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(PARSED_BODY_WARNING);
    // This is what the warning is about: JSON.parse already rounded the id.
    expect(ids(results[0])).not.toContain(EXACT_ID);
  });

  test('express.json() whose verify hook saved req.rawBody: those bytes are used, ids exact, no warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const saveRawBody = (req: unknown, _res: unknown, buf: Buffer): void => {
      (req as { rawBody?: Buffer }).rawBody = buf;
    };
    const { url, results } = await serveExpress([express.json({ verify: saveRawBody })]);
    const reply = await send(url, { body: article, headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(200);
    expect(ids(results[0])).toContain(EXACT_ID);
    expect(results[0]).toEqual(parseWebhook(article));
    expect(warn).not.toHaveBeenCalled();
  });

  test('express.json(): the warning goes to a custom function, or nowhere with warn: false', async () => {
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const custom = vi.fn();
    const logged = await serveExpress([express.json()], { warn: custom });
    const silent = await serveExpress([express.json()], { warn: false });
    for (const { url } of [logged, silent]) {
      expect((await send(url, { body: article, headers: { 'content-type': 'application/json' } })).status).toBe(200);
    }
    expect(custom).toHaveBeenCalledExactlyOnceWith(PARSED_BODY_WARNING);
    expect(consoleWarn).not.toHaveBeenCalled();
  });

  test('express.raw() with a raised limit takes a 1000-item Lingdong body exactly', async () => {
    const { url, results } = await serveExpress([express.raw({ type: '*/*', limit: '8mb' })]);
    const reply = await send(url, { body: lingdongBatch(1000) });
    expect(reply.status).toBe(200);
    expect(results[0]!.events[0]!.id).toBe('22201603016582230');
  });

  test('a body a parser buffered is still held to maxBodyBytes; after express.json() only a declared length is', async () => {
    const body = fixture('sendpulse/mixed-batch.json');
    for (const parser of [express.raw({ type: '*/*' }), express.text({ type: '*/*' })]) {
      const { url, results } = await serveExpress([parser], { maxBodyBytes: 1000 });
      // Chunked, so the Content-Length check cannot refuse it first.
      const reply = await send(url, { chunks: [body] });
      expect(reply.status).toBe(413);
      expect(results).toEqual([]);
    }
    // express.json() read the bytes before the middleware ran and left only an object: a declared Content-Length
    // over the limit is refused, a chunked body is bounded by the parser's own `limit` (README says so).
    const { url } = await serveExpress([express.json()], { maxBodyBytes: 1000, warn: false });
    expect((await send(url, { body, headers: { 'content-type': 'application/json' } })).status).toBe(413);
    expect((await send(url, { chunks: [body], headers: { 'content-type': 'application/json' } })).status).toBe(200);
  });

  test('mounted under a path with app.use, the token in the query is still found', async () => {
    const app = express();
    const results: WebhookResult[] = [];
    app.use('/webhooks/email', expressWebhook({ secret: 'abc', onEvents: (result) => void results.push(result) }));
    const server = await listenOnLoopback(http.createServer(app));
    onTestFinished(() => server.close());
    const reply = await send(`${server.origin}/webhooks/email?token=abc`, { body: fixture('sendpulse/delivered.json') });
    expect(reply.status).toBe(200);
    expect((await send(`${server.origin}/webhooks/email`, { method: 'GET' })).status).toBe(405);
  });
});

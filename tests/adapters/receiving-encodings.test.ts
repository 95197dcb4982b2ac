import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import express from 'express';
import { describe, expect, onTestFinished, test } from 'vitest';
import { contentCoding, decodeBody } from '../../src/adapters/shared/content-encoding.js';
import type { BodyReservation } from '../../src/adapters/shared/in-flight-budget.js';
import { parseWebhook, type WebhookResult } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { send } from './support/http.js';
import { ADAPTERS, startAdapter, type AdapterKind } from './support/servers.js';

const SECRET = 'encoding-secret';
const article = fixture('lingdong/article.json');
const expected = parseWebhook(article);

async function serve(kind: AdapterKind, maxBodyBytes?: number) {
  const results: WebhookResult[] = [];
  const server = await startAdapter(kind, {
    secret: SECRET,
    ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
    onEvents: (result) => void results.push(result),
  });
  onTestFinished(() => server.close());
  return { url: `${server.origin}/hook?token=${SECRET}`, results };
}

const codeOf = (json: unknown) => (json as { error?: { code: string } }).error?.code;

describe.each(ADAPTERS)('%s adapter: Content-Encoding', (kind) => {
  test('gzip, x-gzip, deflate (zlib or bare) and identity bodies decode to exactly the plain result', async () => {
    const { url, results } = await serve(kind);
    const bodies: Array<[string, Uint8Array]> = [
      ['gzip', gzipSync(article)],
      ['x-gzip', gzipSync(article)],
      ['deflate', deflateSync(article)],
      ['deflate', deflateRawSync(article)],
      ['identity', article],
      ['GZIP, identity', gzipSync(article)],
    ];
    for (const [encoding, body] of bodies) {
      const reply = await send(url, { body, headers: { 'content-encoding': encoding, 'content-type': 'application/json' } });
      expect(reply.status, encoding).toBe(200);
    }
    expect(results).toHaveLength(bodies.length);
    for (const result of results) expect(result).toEqual(expected);
    // Ids beyond 2^53 keep every digit through the decoding.
    expect(results[0]!.events.map((event) => event.id)).toContain('22201606019253710');
  });

  test('other codings, and stacked ones, are 415 unsupported_encoding before the body is read', async () => {
    const { url, results } = await serve(kind);
    for (const encoding of ['br', 'zstd', 'compress', 'gzip, gzip', 'gzip, br']) {
      const reply = await send(url, { body: article, headers: { 'content-encoding': encoding } });
      expect(reply.status, encoding).toBe(415);
      expect(codeOf(reply.json), encoding).toBe('unsupported_encoding');
    }
    expect(results).toEqual([]);
  });

  test('a gzip bomb (10 MB of JSON in about 10 KB) is refused 413 at the decoded limit', async () => {
    const { url, results } = await serve(kind);
    const bomb = gzipSync(Buffer.from(`[${' '.repeat(10_000_000)}]`), { level: 9 });
    expect(bomb.byteLength).toBeLessThan(12_000);
    const reply = await send(url, { body: bomb, headers: { 'content-encoding': 'gzip' } });
    expect(reply.status).toBe(413);
    expect(codeOf(reply.json)).toBe('payload_too_large');
    expect(results).toEqual([]);
  });

  test('a body that is not valid gzip is 400 without the engine\'s words', async () => {
    const { url } = await serve(kind);
    const reply = await send(url, { body: Buffer.from('not gzip at all'), headers: { 'content-encoding': 'gzip' } });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: { code: 'invalid_json', message: 'the body is not valid gzip data' } });
  });
});

test('express.raw() in front inflates gzip itself; the middleware uses its bytes as they are', async () => {
  const { listenOnLoopback } = await import('./support/servers.js');
  const { expressWebhook } = await import('../../src/adapters/express.js');
  const http = await import('node:http');
  const results: WebhookResult[] = [];
  const app = express();
  app.post('/hook', express.raw({ type: '*/*', limit: '4mb' }), expressWebhook({ secret: SECRET, onEvents: (r) => void results.push(r) }));
  const server = await listenOnLoopback(http.createServer(app));
  onTestFinished(() => server.close());
  const reply = await send(`${server.origin}/hook?token=${SECRET}`, { body: gzipSync(article), headers: { 'content-encoding': 'gzip' } });
  expect(reply.status).toBe(200);
  expect(results).toEqual([expected]);
});

describe('decodeBody', () => {
  test('stops at the decoded limit: the reservation never covers more than the encoded bytes plus the limit', async () => {
    let highest = 0;
    const reservation: BodyReservation = { cover: (bytes) => void (highest = Math.max(highest, bytes)), release() {} };
    const encoded = gzipSync(Buffer.alloc(50_000_000, 0x20));
    const limit = 1024 * 1024;
    await expect(
      decodeBody(encoded, 'gzip', { maxBytes: limit, reservation, signal: new AbortController().signal }),
    ).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(highest).toBeLessThanOrEqual(encoded.byteLength + limit);
    expect(highest).toBeGreaterThan(encoded.byteLength);
  });

  test('contentCoding reads the header case-insensitively and ignores identity', () => {
    expect(contentCoding(undefined)).toBeUndefined();
    expect(contentCoding('identity')).toBeUndefined();
    expect(contentCoding(' Gzip ')).toBe('gzip');
    expect(contentCoding('identity, deflate')).toBe('deflate');
    expect(() => contentCoding('br')).toThrow(expect.objectContaining({ code: 'unsupported_encoding', status: 415 }));
  });
});

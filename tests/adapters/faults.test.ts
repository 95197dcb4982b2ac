import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { fetchWebhook } from '../../src/adapters/fetch.js';
import type { WebhookHandlerOptions } from '../../src/adapters/shared/options.js';
import type { WebhookResult } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { abortMidBody, send } from './support/http.js';
import { sendpulseBatch } from './support/provider-batches.js';
import { ADAPTERS, startAdapter, type AdapterKind } from './support/servers.js';

const SECRET = 's3cret';

async function serve(kind: AdapterKind, overrides: Partial<WebhookHandlerOptions<unknown>> = {}) {
  const seen = { results: [] as WebhookResult[], errors: [] as unknown[] };
  const server = await startAdapter(kind, {
    secret: SECRET,
    onEvents: (result) => void seen.results.push(result),
    onError: (error) => seen.errors.push(error),
    ...overrides,
  });
  onTestFinished(() => server.close());
  const url = `${server.origin}/hook?token=${SECRET}`;
  /** Proves the server still answers after a fault. */
  const stillServes = async (): Promise<void> => {
    const reply = await send(url, { body: fixture('sendpulse/delivered.json') });
    expect(reply.status).toBe(200);
  };
  return { url, seen, stillServes };
}

const codeOf = (error: unknown): unknown => (error as { code?: unknown }).code;

function* repeat(chunk: string, times: number): Generator<string> {
  for (let index = 0; index < times; index++) yield chunk;
}

describe.each(ADAPTERS)('%s adapter under fault', (kind) => {
  test('a chunked body over the limit, with no Content-Length, is answered 413 and the server keeps serving', async () => {
    const { url, seen, stillServes } = await serve(kind, { maxBodyBytes: 64 * 1024 });
    // 16 MiB offered in 16 KiB chunks: far more than the limit, and no length announced.
    let written = 0;
    function* offer(): Generator<string> {
      for (; written < 1024; written++) yield ' '.repeat(16 * 1024);
    }
    const reply = await send(url, { chunks: offer() });
    expect(reply.status).toBe(413);
    // The server stopped reading and closed: the client could not push the whole body (only socket buffers took it).
    expect(written).toBeLessThan(1024);
    expect(reply.json).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
    expect(seen.results).toEqual([]);
    await stillServes();
  });

  test('a Content-Length over the limit is answered 413 before the body is sent', async () => {
    const { url, seen, stillServes } = await serve(kind, { maxBodyBytes: 1024 });
    let sent = 0;
    function* slowly(): Generator<string> {
      for (; sent < 50; sent++) yield 'x'.repeat(1000);
    }
    const reply = await send(url, { headers: { 'content-length': '50000' }, chunks: slowly(), pauseMs: 20 });
    expect(reply.status).toBe(413);
    expect(sent).toBeLessThan(50);
    expect(seen.results).toEqual([]);
    await stillServes();
  });

  test('a body exactly at the limit is taken', async () => {
    const body = fixture('sendpulse/delivered.json');
    const { url } = await serve(kind, { maxBodyBytes: body.byteLength });
    expect((await send(url, { body })).status).toBe(200);
    expect((await send(url, { body: Buffer.concat([body, Buffer.from(' ')]) })).status).toBe(413);
  });

  test('a client aborting mid-body never reaches onEvents, crashes nothing, and the server keeps serving', async () => {
    const { url, seen, stillServes } = await serve(kind);
    for (let attempt = 0; attempt < 5; attempt++) {
      await abortMidBody(url, '[{"event":"delivered","recipient":"a@example.com","timestamp":1490953933');
    }
    expect(seen.results).toEqual([]);
    await vi.waitFor(() => expect(seen.errors.map(codeOf)).toEqual(Array(5).fill('request_aborted')));
    await stillServes();
    expect(seen.results).toHaveLength(1);
  });

  test('a client too slow to finish its body within requestTimeoutMs is answered 408', async () => {
    const { url, seen, stillServes } = await serve(kind, { requestTimeoutMs: 200 });
    const body = fixture('sendpulse/mixed-batch.json').toString('utf8');
    const pieces = body.match(/[\s\S]{1,100}/g)!;
    const reply = await send(url, { chunks: pieces, pauseMs: 40 });
    expect(reply.status).toBe(408);
    expect(reply.json).toEqual({ error: { code: 'request_timeout', message: expect.any(String) } });
    expect(seen.results).toEqual([]);
    await stillServes();
  });

  test('a client that stalls after its headers is answered 408', async () => {
    const { url, stillServes } = await serve(kind, { requestTimeoutMs: 150 });
    function* stall(): Generator<string> {
      yield '[';
      yield* repeat(' ', 100);
    }
    const reply = await send(url, { chunks: stall(), pauseMs: 50 });
    expect(reply.status).toBe(408);
    await stillServes();
  });

  test('a slow client within requestTimeoutMs is served', async () => {
    const { url, seen } = await serve(kind, { requestTimeoutMs: 5_000 });
    const pieces = fixture('sendpulse/mixed-batch.json').toString('utf8').match(/[\s\S]{1,500}/g)!;
    const reply = await send(url, { chunks: pieces, pauseMs: 10 });
    expect(reply.status).toBe(200);
    expect(seen.results[0]!.events).toHaveLength(13);
  });

  test('200 concurrent deliveries lose no event', async () => {
    const { url, seen } = await serve(kind, {
      // Yield inside onEvents so deliveries really interleave.
      onEvents: async (result) => {
        await sleep(Math.random() * 20);
        seen.results.push(result);
      },
    });
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, index) => send(url, { body: sendpulseBatch(5, index * 5) })),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(200).fill(200));
    const recipients = seen.results.flatMap((result) => result.events.map((event) => event.recipient));
    expect(recipients).toHaveLength(1000);
    expect(new Set(recipients).size).toBe(1000);
  });
});

describe('fetch handler without a server (Workers, Deno, Bun)', () => {
  const stream = (pull: (controller: ReadableStreamDefaultController<Uint8Array>) => void | Promise<void>) => {
    const state = { cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      pull,
      cancel() {
        state.cancelled = true;
      },
    });
    return { body, state };
  };
  const post = (body: ReadableStream<Uint8Array>) =>
    new Request('https://hooks.example/hook', { method: 'POST', body, duplex: 'half' } as RequestInit);

  test('a stream over the limit is answered 413 and cancelled', async () => {
    const { body, state } = stream((controller) => controller.enqueue(new Uint8Array(1024).fill(32)));
    const handler = fetchWebhook({ secret: false, maxBodyBytes: 10_000, onEvents: () => {} });
    const response = await handler(post(body));
    expect(response.status).toBe(413);
    expect(state.cancelled).toBe(true);
  });

  test('a stream that never ends is answered 408 and cancelled', async () => {
    const { body, state } = stream(() => new Promise(() => {}));
    const handler = fetchWebhook({ secret: false, requestTimeoutMs: 50, onEvents: () => {} });
    const response = await handler(post(body));
    expect(response.status).toBe(408);
    expect(state.cancelled).toBe(true);
  });

  test('a stream that errors is answered 400 without the stream\'s error message', async () => {
    const { body } = stream((controller) => controller.error(new Error('socket hang up at 10.0.0.7')));
    const errors: unknown[] = [];
    const handler = fetchWebhook({ secret: false, onEvents: () => {}, onError: (error) => errors.push(error) });
    const response = await handler(post(body));
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('10.0.0.7');
    expect(errors).toHaveLength(1);
  });

  test('a body already read by other code is a 500, not a crash', async () => {
    const request = new Request('https://hooks.example/hook', { method: 'POST', body: '[]' });
    await request.text();
    const response = await fetchWebhook({ secret: false, onEvents: () => {} })(request);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'invalid_options', message: expect.any(String) } });
  });
});

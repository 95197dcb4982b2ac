import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { DEFAULT_DEDUPE_LEASE_MS, DEFAULT_DEDUPE_TTL_MS, DEFAULT_HANDLER_TIMEOUT_MS } from '../../src/adapters/node.js';
import type { WebhookHandlerOptions } from '../../src/adapters/shared/options.js';
import { isWebhookError, memoryStore } from '../../src/index.js';
import { send, type Reply } from './support/http.js';
import { sendpulseBatch } from './support/provider-batches.js';
import { ADAPTERS, startAdapter, type AdapterKind } from './support/servers.js';

const SECRET = 'deadline-secret';
const BATCH = sendpulseBatch(4);

async function serve(kind: AdapterKind, options: Partial<WebhookHandlerOptions<unknown>>) {
  const errors: unknown[] = [];
  const server = await startAdapter(kind, {
    secret: SECRET,
    provider: 'sendpulse',
    onError: (error) => errors.push(error),
    ...options,
  });
  onTestFinished(() => server.close());
  const url = `${server.origin}/hook?token=${SECRET}`;
  return { url, post: (): Promise<Reply> => send(url, { body: BATCH }), errors };
}

const codeOf = (error: unknown): string | undefined => (isWebhookError(error) ? error.code : undefined);

test('defaults: a 10 s handler deadline, a 30 s lease longer than it, a 7-day dedup window', () => {
  expect(DEFAULT_HANDLER_TIMEOUT_MS).toBe(10_000);
  expect(DEFAULT_DEDUPE_LEASE_MS).toBe(30_000);
  expect(DEFAULT_DEDUPE_LEASE_MS).toBeGreaterThan(DEFAULT_HANDLER_TIMEOUT_MS);
  expect(DEFAULT_DEDUPE_TTL_MS).toBe(604_800_000);
});

describe.each(ADAPTERS)('%s adapter: handler deadline', (kind) => {
  test('a handler that never settles: 503 handler_timeout with Retry-After, onError told, context.signal aborted', async () => {
    let signal: AbortSignal | undefined;
    const { post, errors } = await serve(kind, {
      handlerTimeoutMs: 150,
      onEvents: (_result, context) => {
        signal = context.signal;
        return new Promise(() => {});
      },
    });
    const started = Date.now();
    const reply = await post();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(reply.status).toBe(503);
    expect(reply.json).toEqual({ error: { code: 'handler_timeout', message: expect.any(String) } });
    expect(reply.headers['retry-after']).toBe('1');
    expect(errors.map(codeOf)).toEqual(['handler_timeout']);
    expect(signal?.aborted).toBe(true);
    expect(codeOf(signal?.reason)).toBe('handler_timeout');
  });

  test('context.signal aborts when the client goes away before the answer', async () => {
    let signal: AbortSignal | undefined;
    const { url } = await serve(kind, {
      handlerTimeoutMs: 0,
      on: {
        delivered: async (_event, context) => {
          signal = context.signal;
          await new Promise((resolve) => context.signal.addEventListener('abort', resolve, { once: true }));
        },
      },
    });
    const request = http.request(url, { method: 'POST' });
    request.on('error', () => {});
    request.end(BATCH);
    await vi.waitFor(() => expect(signal).toBeDefined());
    expect(signal!.aborted).toBe(false);
    request.destroy();
    await vi.waitFor(() => expect(signal!.aborted).toBe(true));
  });

  test('context.signal first read after the deadline is already aborted, and stays the same signal', async () => {
    let late: AbortSignal[] = [];
    const { post } = await serve(kind, {
      handlerTimeoutMs: 100,
      onEvents: async (_result, context) => {
        await sleep(300);
        late = [context.signal, context.signal];
      },
    });
    expect((await post()).status).toBe(503);
    await vi.waitFor(() => expect(late).toHaveLength(2));
    expect(late[0]).toBeInstanceOf(AbortSignal);
    expect(late[0]).toBe(late[1]);
    expect(late[0]!.aborted).toBe(true);
    expect(codeOf(late[0]!.reason)).toBe('handler_timeout');
  });

  test('context.signal first read after the client went away is already aborted', async () => {
    let reached = false;
    let signal: AbortSignal | undefined;
    const { url } = await serve(kind, {
      handlerTimeoutMs: 0,
      onEvents: async (_result, context) => {
        reached = true;
        await sleep(300);
        signal = context.signal;
      },
    });
    const request = http.request(url, { method: 'POST' });
    request.on('error', () => {});
    request.end(BATCH);
    await vi.waitFor(() => expect(reached).toBe(true));
    request.destroy();
    await vi.waitFor(() => expect(signal).toBeDefined());
    expect(signal!.aborted).toBe(true);
    expect(codeOf(signal!.reason)).toBe('request_aborted');
  });

  test('a handler that finishes in time sees a signal that never aborts', async () => {
    let signal: AbortSignal | undefined;
    const { post } = await serve(kind, {
      handlerTimeoutMs: 100,
      onEvents: (_result, context) => {
        signal = context.signal;
      },
    });
    expect((await post()).status).toBe(200);
    await sleep(200);
    expect(signal?.aborted).toBe(false);
  });

  test('with dedupe, work that finishes after the deadline counts as handled: the redelivery is a duplicate', async () => {
    let runs = 0;
    let finished = 0;
    const { post } = await serve(kind, {
      handlerTimeoutMs: 100,
      dedupe: { store: memoryStore(), leaseMs: 5_000 },
      async onEvents() {
        runs++;
        await sleep(300);
        finished++;
      },
    });
    expect((await post()).status).toBe(503);
    // While the late handler still runs, a redelivery waits rather than handling the batch again.
    const meanwhile = await post();
    expect(meanwhile.status).toBe(503);
    expect(meanwhile.json).toEqual({ error: { code: 'duplicate_in_progress', message: expect.any(String) } });
    await vi.waitFor(() => expect(finished).toBe(1));
    const redelivered = await post();
    expect(redelivered.json).toEqual({ provider: 'sendpulse', events: 4, issues: 0, duplicates: 4 });
    expect(runs).toBe(1);
  });

  test('a handler within the deadline is answered 200; handlerTimeoutMs: 0 disables the deadline', async () => {
    const quick = await serve(kind, { handlerTimeoutMs: 1_000, onEvents: () => sleep(20) });
    expect((await quick.post()).status).toBe(200);
    const unlimited = await serve(kind, { handlerTimeoutMs: 0, onEvents: () => sleep(200) });
    expect((await unlimited.post()).status).toBe(200);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, onTestFinished, test } from 'vitest';
import { nodeWebhook } from '../../src/adapters/node.js';
import type { WebhookHandlerOptions } from '../../src/adapters/shared/options.js';
import { isWebhookError, memoryStore, parseWebhook, type DedupeStore, type EmailEvent } from '../../src/index.js';
import { send, type Reply } from './support/http.js';
import { sendpulseBatch } from './support/provider-batches.js';
import { ADAPTERS, startAdapter, type AdapterKind } from './support/servers.js';

const SECRET = 'exactly-once-secret';
// user0..user5: delivered, opened, clicked, bounced, delivered, opened.
const BATCH = sendpulseBatch(6);
const RECIPIENTS = ['user0@example.com', 'user1@example.com', 'user2@example.com', 'user3@example.com', 'user4@example.com', 'user5@example.com'];

async function serve(kind: AdapterKind, options: Partial<WebhookHandlerOptions<unknown>>) {
  const errors: unknown[] = [];
  const server = await startAdapter(kind, {
    secret: SECRET,
    provider: 'sendpulse',
    onError: (error) => errors.push(error),
    ...options,
  });
  onTestFinished(() => server.close());
  const post = (body: string = BATCH): Promise<Reply> => send(`${server.origin}/hook?token=${SECRET}`, { body });
  return { post, errors };
}

const codeOf = (error: unknown): string | undefined => (isWebhookError(error) ? error.code : undefined);

describe.each(ADAPTERS)('%s adapter: exactly-once receiving', (kind) => {
  test('on handlers get the events of their own type; types without a handler are acknowledged', async () => {
    const seen: string[] = [];
    const { post } = await serve(kind, {
      on: {
        delivered: (event) => void seen.push(`delivered ${event.recipient}`),
        bounced: (event) => void seen.push(`bounced ${event.recipient} ${event.bounce} ${event.smtp?.code}`),
      },
    });
    const reply = await post();
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ provider: 'sendpulse', events: 6, issues: 0, duplicates: 0 });
    expect(seen).toEqual(['delivered user0@example.com', 'bounced user3@example.com hard 550', 'delivered user4@example.com']);
  });

  test('a redelivery is answered 200 without handling anything again, and counts the duplicates', async () => {
    const handled: string[] = [];
    const { post } = await serve(kind, {
      on: { delivered: (event) => void handled.push(event.recipient), opened: (event) => void handled.push(event.recipient) },
      dedupe: { store: memoryStore() },
    });
    expect((await post()).json).toEqual({ provider: 'sendpulse', events: 6, issues: 0, duplicates: 0 });
    expect((await post()).json).toEqual({ provider: 'sendpulse', events: 6, issues: 0, duplicates: 6 });
    // A batch that overlaps the first by three events handles only the three new ones.
    const items = (body: string): unknown[] => JSON.parse(body) as unknown[];
    const overlap = await post(JSON.stringify([...items(BATCH).slice(3), ...items(sendpulseBatch(3, 6))]));
    expect(overlap.json).toEqual({ provider: 'sendpulse', events: 6, issues: 0, duplicates: 3 });
    expect(handled).toEqual([
      'user0@example.com',
      'user1@example.com',
      'user4@example.com',
      'user5@example.com',
      'user6@example.com',
      'user7@example.com',
    ]);
  });

  test('a handler that throws fails the request with 500; completed events stay completed and the redelivery handles only the rest', async () => {
    const handled: string[] = [];
    let failOn: string | undefined = 'user2@example.com';
    const handle = (event: EmailEvent): void => {
      if (event.recipient === failOn) throw new Error('database unavailable');
      handled.push(event.recipient!);
    };
    const { post, errors } = await serve(kind, {
      on: { delivered: handle, opened: handle, clicked: handle, bounced: handle },
      dedupe: { store: memoryStore() },
    });
    const failed = await post();
    expect(failed.status).toBe(500);
    expect(failed.json).toEqual({ error: { code: 'handler_failed', message: expect.any(String) } });
    expect((errors[0] as Error).message).toBe('database unavailable');
    expect(handled).toEqual(['user0@example.com', 'user1@example.com']);
    failOn = undefined;
    const retried = await post();
    expect(retried.json).toEqual({ provider: 'sendpulse', events: 6, issues: 0, duplicates: 2 });
    expect(handled).toEqual(RECIPIENTS);
  });

  test('a duplicate still being handled elsewhere gets 503 duplicate_in_progress with Retry-After, never 200', async () => {
    let unblock!: () => void;
    const blocked = new Promise<void>((resolve) => (unblock = resolve));
    let calls = 0;
    const { post, errors } = await serve(kind, {
      async onEvents() {
        calls++;
        await blocked;
      },
      dedupe: { store: memoryStore(), leaseMs: 20_000 },
      handlerTimeoutMs: 5_000,
    });
    const first = post();
    await sleep(100);
    const second = await post();
    expect(second.status).toBe(503);
    expect(second.json).toEqual({ error: { code: 'duplicate_in_progress', message: expect.any(String) } });
    expect(second.headers['retry-after']).toBe('5');
    expect(codeOf(errors[0])).toBe('duplicate_in_progress');
    unblock();
    expect((await first).json).toEqual({ provider: 'sendpulse', events: 6, issues: 0, duplicates: 0 });
    expect((await post()).json).toEqual({ provider: 'sendpulse', events: 6, issues: 0, duplicates: 6 });
    expect(calls).toBe(1);
  });

  test('with onEvents and dedupe, onEvents gets only the events not handled before, and is skipped when none are left', async () => {
    const batches: string[][] = [];
    const { post } = await serve(kind, {
      onEvents: (result) => void batches.push(result.events.map((event) => event.recipient!)),
      dedupe: { store: memoryStore() },
    });
    await post(sendpulseBatch(3));
    await post(sendpulseBatch(5));
    await post(sendpulseBatch(5));
    expect(batches).toEqual([RECIPIENTS.slice(0, 3), RECIPIENTS.slice(3, 5)]);
  });

  test('with on and onEvents, onEvents runs first; after an on handler failed, the redelivery gives both only the rest', async () => {
    const calls: string[] = [];
    let failing = true;
    const { post } = await serve(kind, {
      onEvents: (result) => void calls.push(`batch ${result.events.map((event) => event.recipient).join(' ')}`),
      on: {
        clicked(event) {
          if (failing) throw new Error('crm down');
          calls.push(`clicked ${event.recipient}`);
        },
      },
      dedupe: { store: memoryStore() },
    });
    const body = sendpulseBatch(4);
    expect((await post(body)).status).toBe(500);
    failing = false;
    expect((await post(body)).json).toEqual({ provider: 'sendpulse', events: 4, issues: 0, duplicates: 2 });
    expect(calls).toEqual([
      'batch user0@example.com user1@example.com user2@example.com user3@example.com',
      'batch user2@example.com user3@example.com',
      'clicked user2@example.com',
    ]);
  });

  test('a claim left by a crashed process blocks its event only until the lease ends', async () => {
    const store = memoryStore();
    const handled: string[] = [];
    const { post } = await serve(kind, {
      on: { delivered: (event) => void handled.push(event.recipient) },
      dedupe: { store, leaseMs: 300 },
      handlerTimeoutMs: 100,
    });
    const body = sendpulseBatch(1);
    const [event] = parseWebhook(body, { provider: 'sendpulse' }).events;
    // A process claimed the event, then died without completing or releasing it.
    expect(await store.claim(`sendpulse:${event!.id}`, 'crashed-process', 300)).toBe('claimed');
    const blocked = await post(body);
    expect(blocked.status).toBe(503);
    expect(blocked.headers['retry-after']).toBe('1');
    await sleep(320);
    expect((await post(body)).json).toEqual({ provider: 'sendpulse', events: 1, issues: 0, duplicates: 0 });
    expect(handled).toEqual(['user0@example.com']);
  });

  test('an id repeated within one batch is handled once and counted as a duplicate', async () => {
    const handled: string[] = [];
    const { post } = await serve(kind, {
      on: { delivered: (event) => void handled.push(event.recipient) },
      dedupe: { store: memoryStore() },
    });
    const item = JSON.parse(sendpulseBatch(1)) as unknown[];
    const reply = await post(JSON.stringify([item[0], item[0]]));
    expect(reply.json).toEqual({ provider: 'sendpulse', events: 2, issues: 0, duplicates: 1 });
    expect(handled).toEqual(['user0@example.com']);
  });

  test('a store that fails is a 500 and no handler runs', async () => {
    const broken: DedupeStore = {
      claim: async () => {
        throw new Error('redis down');
      },
      complete: async () => {},
      release: async () => {},
    };
    let calls = 0;
    const { post, errors } = await serve(kind, { onEvents: () => void calls++, dedupe: { store: broken } });
    const reply = await post();
    expect(reply.status).toBe(500);
    expect(reply.text).not.toContain('redis down');
    expect((errors[0] as Error).message).toBe('redis down');
    expect(calls).toBe(0);
  });

  test('without dedupe every delivery is handled again (the provider\'s at-least-once)', async () => {
    let calls = 0;
    const { post } = await serve(kind, { on: { delivered: () => void calls++ } });
    await post();
    const reply = await post();
    expect(reply.json).toEqual({ provider: 'sendpulse', events: 6, issues: 0, duplicates: 0 });
    expect(calls).toBe(4);
  });
});

describe('handler options are checked when the adapter is created', () => {
  const refusal = (options: Record<string, unknown>): string | undefined => {
    try {
      nodeWebhook({ secret: SECRET, ...options } as never);
    } catch (error) {
      return isWebhookError(error) && error.code === 'invalid_options' ? error.message : `unexpected: ${String(error)}`;
    }
    return undefined;
  };
  const store = memoryStore();

  test('one of on and onEvents is required; on keys must be event types with functions', () => {
    expect(refusal({})).toBe('the webhook handler needs on (handlers by event type) or onEvents');
    expect(refusal({ on: { bounce: () => {} } })).toMatch(/^on\.bounce is not an event type/);
    expect(refusal({ on: { bounced: 'save' } })).toBe('on.bounced must be a function');
    expect(refusal({ onEvents: 'save' })).toBe('onEvents must be a function');
    expect(refusal({ on: { bounced: () => {} } })).toBeUndefined();
  });

  test('dedupe needs a store with claim, complete and release, positive durations and a lease longer than the deadline', () => {
    expect(refusal({ onEvents() {}, dedupe: { store: {} } })).toBe('dedupe.store must have claim, complete and release methods');
    expect(refusal({ onEvents() {}, dedupe: { store, ttlMs: 0 } })).toBe('dedupe.ttlMs must be a positive number of milliseconds');
    expect(refusal({ onEvents() {}, dedupe: { store, leaseMs: 5_000 }, handlerTimeoutMs: 5_000 })).toBe(
      'dedupe.leaseMs must be longer than handlerTimeoutMs',
    );
    expect(refusal({ onEvents() {}, handlerTimeoutMs: -1 })).toBe(
      'handlerTimeoutMs must be a number of milliseconds, 0 to disable',
    );
    expect(refusal({ onEvents() {}, dedupe: { store }, handlerTimeoutMs: 45_000 })).toBeUndefined();
    expect(refusal({ onEvents() {}, dedupe: { store }, handlerTimeoutMs: 0 })).toBeUndefined();
    expect(refusal({ onEvents() {}, dedupe: { store, ttlMs: 60_000, leaseMs: 2_000 }, handlerTimeoutMs: 1_000 })).toBeUndefined();
  });
});

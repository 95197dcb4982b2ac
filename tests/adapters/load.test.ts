import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, onTestFinished, test } from 'vitest';
import { send } from './support/http.js';
import { sendpulseBatch } from './support/provider-batches.js';
import { ADAPTERS, startAdapter } from './support/servers.js';

const SECRET = 'load-secret';
const REQUESTS = 1000;
const IN_FLIGHT = 100;
const ITEMS_PER_BATCH = 4;

const gc = (globalThis as { gc?: () => void }).gc;

async function settledHeap(): Promise<number> {
  for (let round = 0; round < 3; round++) {
    gc?.();
    await sleep(20);
  }
  return process.memoryUsage().heapUsed;
}

/** What request `n` of the run is: mostly good batches, with refusals mixed in. */
function requestFor(n: number): { path: string; body: string; accepted: boolean } {
  if (n % 10 === 3) return { path: '/hook?token=wrong', body: sendpulseBatch(ITEMS_PER_BATCH, n * ITEMS_PER_BATCH), accepted: false };
  if (n % 10 === 7) return { path: `/hook?token=${SECRET}`, body: '<html>502 Bad Gateway</html>', accepted: false };
  return { path: `/hook?token=${SECRET}`, body: sendpulseBatch(ITEMS_PER_BATCH, n * ITEMS_PER_BATCH), accepted: true };
}

describe.each(ADAPTERS)('%s adapter under load', (kind) => {
  test(`${REQUESTS} requests, ${IN_FLIGHT} in flight: every answer given, each accepted event seen exactly once, heap back near baseline`, async () => {
    const seenCount = new Map<string, number>();
    const server = await startAdapter(kind, {
      secret: SECRET,
      async onEvents(result) {
        await sleep(1);
        for (const event of result.events) {
          const key = event.recipient ?? `no recipient: ${event.id}`;
          seenCount.set(key, (seenCount.get(key) ?? 0) + 1);
        }
      },
    });
    onTestFinished(() => server.close());
    const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    onTestFinished(() => agent.destroy());

    const run = async (from: number, to: number): Promise<number[]> => {
      const statuses: number[] = [];
      let next = from;
      const worker = async (): Promise<void> => {
        while (next < to) {
          const n = next++;
          const { path, body } = requestFor(n);
          const reply = await send(`${server.origin}${path}`, { body, agent });
          statuses[n - from] = reply.status;
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      return statuses;
    };

    // Warm up (JIT, sockets, caches) before the baseline; these deliveries count too.
    const warmup = 200;
    await run(0, warmup);
    const baseline = await settledHeap();
    const statuses = await run(warmup, warmup + REQUESTS);
    const after = await settledHeap();

    expect(statuses).toHaveLength(REQUESTS);
    statuses.forEach((status, index) => {
      const { accepted, path } = requestFor(warmup + index);
      expect(status).toBe(accepted ? 200 : path.includes('wrong') ? 401 : 400);
    });

    const expected = new Set<string>();
    for (let n = 0; n < warmup + REQUESTS; n++) {
      if (!requestFor(n).accepted) continue;
      for (let item = 0; item < ITEMS_PER_BATCH; item++) expected.add(`user${n * ITEMS_PER_BATCH + item}@example.com`);
    }
    expect(seenCount.size).toBe(expected.size);
    for (const [recipient, count] of seenCount) {
      expect(expected.has(recipient)).toBe(true);
      expect(count).toBe(1);
    }

    // Without --expose-gc the heap holds collectable garbage too, so the tolerance is wider.
    const toleranceBytes = (gc ? 16 : 64) * 1024 * 1024;
    expect(after - baseline).toBeLessThan(toleranceBytes);
  });
});

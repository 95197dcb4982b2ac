/**
 * What `dedupe` costs per request: the same 10-event SendPulse batches through `fetchWebhook` in-process (no
 * sockets, so only the pipeline is timed) without dedupe, with `memoryStore()`, and with `redisStore()` over
 * node-redis and ioredis on a local `redis-server` started for the run. Fresh batches pay a claim and a complete
 * per event; redeliveries pay the claims only. Run: `npx tsx bench/dedupe-cost.ts`. Prints figures; not a test.
 */
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { fetchWebhook } from '../src/adapters/fetch.js';
import { memoryStore, type DedupeStore } from '../src/index.js';
import { redisStore } from '../src/redis.js';
import { sendpulseBatch } from '../tests/adapters/support/provider-batches.js';
import { startRedisServer } from '../tests/support/redis-server.js';

const REQUESTS = 800;
const ROUNDS = 3;
const EVENTS = 10;
const SECRET = 'bench';

async function timeRequests(store: DedupeStore | undefined, bodies: readonly string[]): Promise<number[]> {
  const handler = fetchWebhook({
    secret: SECRET,
    provider: 'sendpulse',
    on: { delivered() {}, opened() {}, clicked() {}, bounced() {} },
    ...(store === undefined ? {} : { dedupe: { store } }),
  });
  const times: number[] = [];
  for (const body of bodies) {
    const request = new Request(`http://bench.local/hook?token=${SECRET}`, { method: 'POST', body });
    const started = performance.now();
    const response = await handler(request);
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`unexpected ${response.status}`);
  }
  return times;
}

function summary(times: number[]): { mean: number; p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { mean: times.reduce((sum, time) => sum + time, 0) / times.length, p50: at(0.5), p99: at(0.99) };
}

const format = (ms: number) => `${(ms * 1000).toFixed(0).padStart(6)} µs`;

const redisServer = await startRedisServer();
const nodeRedis = createClient({ url: redisServer.url });
await nodeRedis.connect();
const ioredis = new Redis(redisServer.url);
try {
  const bodies = (offset: number) =>
    Array.from({ length: REQUESTS }, (_, index) => sendpulseBatch(EVENTS, offset + index * EVENTS));
  // Warm-up: JIT and connections.
  await timeRequests(memoryStore(), bodies(10_000_000).slice(0, 300));
  await timeRequests(redisStore(ioredis, { prefix: 'warm:' }), bodies(20_000_000).slice(0, 300));

  // Rounds alternate the configurations, so load from other processes on the machine hits them alike; the
  // median over rounds of each p50 is printed.
  const configs: Array<[string, () => DedupeStore | undefined]> = [
    ['no dedupe', () => undefined],
    ['memoryStore', () => memoryStore()],
    ['redisStore (node-redis)', () => redisStore(nodeRedis, { prefix: `bench:${Math.random()}:` })],
    ['redisStore (ioredis)', () => redisStore(ioredis, { prefix: `bench:${Math.random()}:` })],
  ];
  const fresh = new Map<string, number[]>();
  const again = new Map<string, number[]>();
  let offset = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, makeStore] of configs) {
      const store = makeStore();
      const batch = bodies((offset += REQUESTS * EVENTS));
      (fresh.get(name) ?? fresh.set(name, []).get(name)!).push(summary(await timeRequests(store, batch)).p50);
      if (store !== undefined) {
        (again.get(name) ?? again.set(name, []).get(name)!).push(summary(await timeRequests(store, batch)).p50);
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const base = median(fresh.get('no dedupe')!);
  console.log(`${REQUESTS} requests x ${ROUNDS} rounds, ${EVENTS} events each, in-process fetchWebhook, one at a time (p50)`);
  for (const [name] of configs) {
    const first = median(fresh.get(name)!);
    let line = `${name.padEnd(24)} new events ${format(first)}`;
    if (name !== 'no dedupe') {
      const repeat = median(again.get(name)!);
      line += ` (+${format(first - base).trim()} a request)   redelivered ${format(repeat)} (+${format(repeat - base).trim()})`;
    }
    console.log(line);
  }
} finally {
  await nodeRedis.quit();
  ioredis.disconnect();
  await redisServer.stop();
}

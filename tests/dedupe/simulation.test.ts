import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { nodeWebhook } from '../../src/adapters/node.js';
import { memoryStore, parseWebhook } from '../../src/index.js';
import { sendpulseBatch } from '../adapters/support/provider-batches.js';
import { listenOnLoopback } from '../adapters/support/servers.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { faultyHandlers, seededRandom } from './support/faulty-handlers.js';
import { simulateProvider, type SimulatedBatch, type SimulationReport, type SimulatorOptions } from './support/provider-simulator.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'simulation-secret';
const EVENTS_PER_BATCH = 10;
const BATCHES = 210;
const HANDLER_TIMEOUT_MS = 300;
/** Some clients give up before the handler deadline (handlers still running), others wait for the 503. */
const CLIENT_TIMEOUT_MS = [150, 600] as const;

const BASE: Omit<SimulatorOptions, 'urls' | 'random' | 'unfinished'> = {
  maxAttempts: 8,
  backoffMs: 50,
  clientTimeoutMs: CLIENT_TIMEOUT_MS,
  concurrency: 24,
  redeliverAfterSuccess: 0.25,
};

/** 2100 distinct events in 210 SendPulse batches, with the ids the receiver will decode. */
function buildBatches(): SimulatedBatch[] {
  return Array.from({ length: BATCHES }, (_, index) => {
    const body = sendpulseBatch(EVENTS_PER_BATCH, index * EVENTS_PER_BATCH);
    return { body, ids: parseWebhook(body, { provider: 'sendpulse' }).events.map((event) => event.id) };
  });
}

/** Waits until no late handler is still adding effects. */
async function settled(read: () => Promise<number>): Promise<void> {
  let last = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 700));
    const now = await read();
    if (now === last) return;
    last = now;
  }
}

function checkExactlyOnce(name: string, batches: SimulatedBatch[], report: SimulationReport, effects: Map<string, number>): void {
  const expected = batches.flatMap((batch) => batch.ids);
  expect(new Set(expected).size).toBe(expected.length);
  const missing = expected.filter((id) => !effects.has(id));
  const repeated = [...effects].filter(([, times]) => times !== 1);
  const summary = {
    events: expected.length,
    requests: report.requests,
    answers: report.answers,
    duplicatesAcknowledged: report.duplicatesAcknowledged,
    exhausted: report.exhausted,
    effectsRecorded: [...effects.values()].reduce((sum, times) => sum + times, 0),
    missing: missing.length,
    handledTwice: repeated.length,
    acknowledgedUnfinished: report.acknowledgedUnfinished.length,
  };
  console.log(`simulation ${name}: ${JSON.stringify(summary)}`);
  expect(report.acknowledgedUnfinished).toEqual([]);
  expect(missing).toEqual([]);
  expect(repeated).toEqual([]);
  expect(effects.size).toBe(expected.length);
  expect(report.exhausted).toBe(0);
  // The faults really happened: failures, deadlines, client timeouts and in-progress duplicates all occurred.
  expect(report.answers['500 handler_failed']).toBeGreaterThan(0);
  expect(report.answers['503 handler_timeout']).toBeGreaterThan(0);
  expect(report.answers.timeout).toBeGreaterThan(0);
  expect(report.answers['503 duplicate_in_progress']).toBeGreaterThan(0);
  expect(report.duplicatesAcknowledged).toBeGreaterThan(0);
}

test('memory store, one process: every event\'s effect exactly once under retries, failures and timeouts', async () => {
  const effects = new Map<string, number>();
  const server = await listenOnLoopback(
    http.createServer(
      nodeWebhook({
        secret: SECRET,
        provider: 'sendpulse',
        on: faultyHandlers((id) => void effects.set(id, (effects.get(id) ?? 0) + 1), seededRandom(7)),
        dedupe: { store: memoryStore(), leaseMs: 5_000 },
        handlerTimeoutMs: HANDLER_TIMEOUT_MS,
      }),
    ),
  );
  try {
    const batches = buildBatches();
    const report = await simulateProvider(batches, {
      ...BASE,
      urls: [`${server.origin}/hook?token=${SECRET}`],
      random: seededRandom(11),
      unfinished: async (ids) => ids.filter((id) => !effects.has(id)),
    });
    await settled(async () => effects.size);
    checkExactlyOnce('memory store, 1 process', batches, report, effects);
  } finally {
    await server.close();
  }
}, 60_000);

let redisServer: RedisServer;
let redis: Redis;
const receivers: ChildProcess[] = [];

beforeAll(async () => {
  redisServer = await startRedisServer();
  redis = new Redis(redisServer.url);
});

afterAll(async () => {
  for (const child of receivers) if (child.exitCode === null) child.kill('SIGTERM');
  redis?.disconnect();
  await redisServer?.stop();
});

function startReceiver(client: 'node-redis' | 'ioredis', seed: number, effectsKey: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/dedupe/support/receiver.ts'], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: redisServer.url, REDIS_CLIENT: client, EFFECTS_KEY: effectsKey, SECRET, SEED: String(seed) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  receivers.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(`http://127.0.0.1:${match[1]}/hook?token=${SECRET}`);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}: ${output}`)));
  });
}

test('Redis store, two receiver processes (node-redis and ioredis) on one redis-server: exactly once across instances', async () => {
  const effectsKey = 'simulation:effects';
  const urls = await Promise.all([startReceiver('node-redis', 3, effectsKey), startReceiver('ioredis', 5, effectsKey)]);
  const batches = buildBatches();
  const readEffects = async (): Promise<Map<string, number>> =>
    new Map(Object.entries(await redis.hgetall(effectsKey)).map(([id, times]) => [id, Number(times)]));
  const report = await simulateProvider(batches, {
    ...BASE,
    urls,
    random: seededRandom(13),
    unfinished: async (ids) => {
      const counts = await redis.hmget(effectsKey, ...ids);
      return ids.filter((_id, index) => counts[index] === null);
    },
  });
  await settled(async () => redis.hlen(effectsKey));
  checkExactlyOnce('redis store, 2 processes', batches, report, await readEffects());
}, 60_000);

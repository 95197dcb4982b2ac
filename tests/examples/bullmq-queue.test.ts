import { afterAll, beforeAll, expect, onTestFinished, test, vi } from 'vitest';
import { jobIdOf, startQueueExample, type EmailJob } from '../../examples/bullmq-queue.js';
import { parseWebhook } from '../../src/index.js';
import { send } from '../adapters/support/http.js';
import { sendpulseBatch } from '../adapters/support/provider-batches.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

const SECRET = 'queue-secret';
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

test('examples/bullmq-queue.ts: bounces are enqueued once under their dedup key and consumed by the worker', async () => {
  const worked: EmailJob[] = [];
  const example = await startQueueExample({ redisUrl: redis.url, port: 0, secret: SECRET, work: (job) => void worked.push(job) });
  onTestFinished(() => example.close());
  // Twelve SendPulse events, two of them bounces (user3 and user9).
  const body = sendpulseBatch(12);
  const bounces = parseWebhook(body, { provider: 'sendpulse' }).events.filter((event) => event.type === 'bounced');
  expect(bounces.map((event) => event.recipient)).toEqual(['user3@example.com', 'user9@example.com']);

  const first = await send(`${example.url}?token=${SECRET}`, { body });
  expect(first.json).toEqual({ provider: 'sendpulse', events: 12, issues: 0, duplicates: 0 });
  // The provider redelivers: nothing is enqueued again.
  const again = await send(`${example.url}?token=${SECRET}`, { body });
  expect(again.json).toEqual({ provider: 'sendpulse', events: 12, issues: 0, duplicates: 12 });

  await vi.waitFor(() => expect(worked).toHaveLength(2), { timeout: 10_000 });
  expect(worked.map((job) => [job.type, job.recipient, job.id])).toEqual(
    bounces.map((event) => ['bounced', event.recipient, event.id]),
  );
  const job = await example.queue.getJob(jobIdOf(bounces[0]!));
  expect(job?.id).toBe(`sendpulse%3A${bounces[0]!.id}`);
  // Even past the dedupe store, the job id keeps a duplicate out of the queue.
  await example.queue.add('bounced', job!.data, { jobId: job!.id });
  expect(await example.queue.getJobCounts('completed', 'waiting', 'active')).toEqual({ completed: 2, waiting: 0, active: 0 });
});

/**
 * Hand events off to a queue, answer the provider at once, and do the slow work in a worker.
 *
 *   REDIS_URL=redis://127.0.0.1:6379 WEBHOOK_SECRET=change-me PORT=3000 npx tsx examples/bullmq-queue.ts
 *
 * Providers give up on a request after seconds (Resend after 15 s) and then redeliver, so work that can take
 * longer (a CRM call, an email of your own) should not run inside the request. Here each `on` handler only adds a
 * BullMQ job, which takes a millisecond, and the provider gets its `200` right away. The job id is the event's
 * dedup key, so even an event handled twice (a store failure between the enqueue and its record) is one job:
 * BullMQ ignores a job whose id it already holds. The worker retries failed jobs on its own schedule.
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
// In your project: import { nodeWebhook } from 'email-webhooks/node';
import { nodeWebhook } from '../src/adapters/node.js';
// In your project: import { dedupeKey, type EmailEvent } from 'email-webhooks';
import { dedupeKey, type EmailEvent } from '../src/index.js';
// In your project: import { redisStore } from 'email-webhooks/redis';
import { redisStore } from '../src/redis.js';
import { listenExample, type RunningExample, WEBHOOK_PATH } from './example-server.js';

/** The queue the webhook fills and the worker drains. */
export const QUEUE_NAME = 'email-events';

/** What a job carries: the fields the worker needs (keep jobs small; `raw` stays out). */
export interface EmailJob {
  provider: string;
  id: string;
  type: EmailEvent['type'];
  recipient: string | undefined;
  occurredAt: string | undefined;
}

/**
 * The BullMQ job id of an event: its dedup key, `${provider}:${id}`, with `:` escaped because BullMQ refuses
 * custom ids containing it.
 * @param event The event.
 */
export function jobIdOf(event: Pick<EmailEvent, 'provider' | 'id'>): string {
  return encodeURIComponent(dedupeKey(event.provider, event.id));
}

/** How to start the example. */
export interface QueueExampleOptions {
  /** The Redis for the queue and the dedupe store. Default `REDIS_URL`. */
  redisUrl?: string;
  /** Port to listen on; 0 picks a free one. Default `PORT` or 3000. */
  port?: number;
  /** The secret the provider must present. Default `WEBHOOK_SECRET`. */
  secret?: string;
  /**
   * The slow work, in the worker: suppress the address, update the CRM. Default: print the job.
   * @param job The job's data.
   */
  work?: (job: EmailJob) => Promise<void> | void;
}

/** The started example. */
export interface RunningQueueExample extends RunningExample {
  /** The queue, e.g. to inspect jobs. */
  queue: Queue<EmailJob>;
}

/**
 * Starts the webhook (enqueueing bounces, complaints and unsubscribes) and a worker that consumes them.
 * @param options Redis, port, secret and the worker's job.
 */
export async function startQueueExample(options: QueueExampleOptions = {}): Promise<RunningQueueExample> {
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const secret = options.secret ?? process.env.WEBHOOK_SECRET;
  if (secret === undefined) throw new Error('set WEBHOOK_SECRET: the secret the provider puts in the URL');
  // BullMQ's blocking worker needs a connection that never gives up on a command.
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const storeClient = new Redis(redisUrl);
  const queue = new Queue<EmailJob>(QUEUE_NAME, { connection });
  const work = options.work ?? ((job: EmailJob) => console.log(`worker: ${job.type} ${job.recipient} (${job.provider} ${job.id})`));
  const worker = new Worker<EmailJob>(QUEUE_NAME, async (job: Job<EmailJob>) => work(job.data), { connection });

  const enqueue = async (event: EmailEvent): Promise<void> => {
    const data: EmailJob = {
      provider: event.provider,
      id: event.id,
      type: event.type,
      recipient: event.recipient,
      occurredAt: event.occurredAt?.toISOString(),
    };
    // Completed jobs are kept as long as the dedup window, so their ids keep refusing duplicates meanwhile.
    await queue.add(event.type, data, { jobId: jobIdOf(event), removeOnComplete: { age: 7 * 24 * 3600 }, attempts: 5 });
  };

  const webhook = nodeWebhook({
    secret,
    on: { bounced: enqueue, complained: enqueue, unsubscribed: enqueue },
    dedupe: { store: redisStore(storeClient) },
    onError: (error) => console.error('webhook refused:', error),
  });
  const server = http.createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === WEBHOOK_PATH) {
      void webhook(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  const running = await listenExample(server, options);
  return {
    url: running.url,
    queue,
    close: async () => {
      await running.close();
      await worker.close();
      await queue.close();
      connection.disconnect();
      storeClient.disconnect();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startQueueExample().then(({ url }) => console.log(`Receiving webhooks at ${url}, handing them to BullMQ`));
}

/**
 * Receiving Lingdong and SendPulse webhooks with a Fetch API handler, mounted in Hono. The same `app` runs on
 * Cloudflare Workers, Deno and Bun (`export default app`); here `@hono/node-server` runs it on Node:
 *
 *   WEBHOOK_SECRET=change-me PORT=3000 npx tsx examples/fetch-handler.ts
 *
 * Without Hono the handler is used as is: `export const POST = webhook` in a Next.js route handler,
 * `Bun.serve({ fetch: webhook })`, `Deno.serve(webhook)`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
// In your project: import { fetchWebhook } from 'email-webhooks/fetch';
import { fetchWebhook } from '../src/adapters/fetch.js';
// In your project: import { isWebhookError } from 'email-webhooks';
import { isWebhookError } from '../src/index.js';
import { type ExampleOptions, logEvents, type RunningExample, WEBHOOK_PATH } from './example-server.js';

/**
 * Builds the Hono app. The handler gets Hono's raw `Request`, whose body no Hono middleware has read.
 * `app.all` lets it answer other methods with 405 rather than Hono's 404.
 * @param options The secret and the events callback.
 */
export function createApp(options: Pick<ExampleOptions, 'secret' | 'onEvents'> = {}): Hono {
  const webhook = fetchWebhook({
    secret: options.secret,
    onEvents: options.onEvents ?? logEvents,
    onError: (error) => console.error('webhook refused:', isWebhookError(error) ? error.code : error),
  });
  const app = new Hono();
  app.all(WEBHOOK_PATH, (c) => webhook(c.req.raw));
  return app;
}

/**
 * Starts the example on Node.
 * @param options Port, host, secret, events callback.
 */
export function startServer(options: ExampleOptions = {}): Promise<RunningExample> {
  const secret = options.secret ?? process.env.WEBHOOK_SECRET;
  if (secret === undefined) throw new Error('set WEBHOOK_SECRET: the secret the provider puts in the webhook URL');
  const app = createApp({ secret, onEvents: options.onEvents });
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port ?? Number(process.env.PORT ?? 3000), hostname: host },
      (info: AddressInfo) => {
        resolve({
          url: `http://${host}:${info.port}${WEBHOOK_PATH}`,
          close: () =>
            new Promise((done) => {
              server.close(() => done());
              (server as Server).closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startServer().then(({ url }) => console.log(`Receiving webhooks at ${url}`));
}

/**
 * Receiving Lingdong and SendPulse webhooks in an Express 5 app.
 *
 *   WEBHOOK_SECRET=change-me PORT=3000 npx tsx examples/express-server.ts
 *
 * Then give the provider `https://your.host/webhooks/email?token=change-me` (or
 * `https://hooks:change-me@your.host/webhooks/email`).
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
// In your project: import { expressWebhook } from 'email-webhooks/express';
import { expressWebhook } from '../src/adapters/express.js';
// In your project: import { isWebhookError } from 'email-webhooks';
import { isWebhookError } from '../src/index.js';
import { type ExampleOptions, listenExample, logEvents, type RunningExample, WEBHOOK_PATH } from './example-server.js';

/**
 * Builds the app. The webhook route comes before any body parser: it reads the raw bytes itself, so ids beyond
 * 2^53 keep every digit. `app.all` lets it answer other methods with 405 rather than Express's 404.
 * @param options The secret and the events callback.
 */
export function createApp(options: Pick<ExampleOptions, 'secret' | 'onEvents'> = {}): Express {
  const app = express();
  app.all(
    WEBHOOK_PATH,
    expressWebhook({
      secret: options.secret,
      onEvents: options.onEvents ?? logEvents,
      onError: (error) => console.error('webhook refused:', isWebhookError(error) ? error.code : error),
    }),
  );
  // The rest of your app can parse JSON as usual, after the webhook route.
  app.use(express.json());
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}

/**
 * Starts the example.
 * @param options Port, host, secret, events callback.
 */
export function startServer(options: ExampleOptions = {}): Promise<RunningExample> {
  const secret = options.secret ?? process.env.WEBHOOK_SECRET;
  if (secret === undefined) throw new Error('set WEBHOOK_SECRET: the secret the provider puts in the webhook URL');
  const server = http.createServer(createApp({ secret, onEvents: options.onEvents }));
  return listenExample(server, options);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startServer().then(({ url }) => console.log(`Receiving webhooks at ${url}`));
}

/**
 * Receiving Lingdong and SendPulse webhooks with nothing but `node:http`.
 *
 *   WEBHOOK_SECRET=change-me PORT=3000 npx tsx examples/node-server.ts
 *
 * Then give the provider `https://your.host/webhooks/email?token=change-me`.
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
// In your project: import { nodeWebhook } from 'email-webhooks/node';
import { nodeWebhook } from '../src/adapters/node.js';
// In your project: import { isWebhookError } from 'email-webhooks';
import { isWebhookError } from '../src/index.js';
import { type ExampleOptions, listenExample, logEvents, type RunningExample, WEBHOOK_PATH } from './example-server.js';

/**
 * Starts the example: the webhook on one path, 404 elsewhere.
 * @param options Port, host, secret, events callback.
 */
export function startServer(options: ExampleOptions = {}): Promise<RunningExample> {
  const secret = options.secret ?? process.env.WEBHOOK_SECRET;
  if (secret === undefined) throw new Error('set WEBHOOK_SECRET: the secret the provider puts in the webhook URL');
  const webhook = nodeWebhook({
    secret,
    onEvents: options.onEvents ?? logEvents,
    onError: (error) => console.error('webhook refused:', isWebhookError(error) ? error.code : error),
  });
  const server = http.createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === WEBHOOK_PATH) {
      void webhook(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  return listenExample(server, options);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startServer().then(({ url }) => console.log(`Receiving webhooks at ${url}`));
}

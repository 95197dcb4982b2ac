/**
 * Receiving Lingdong and SendPulse webhooks with nothing but `node:http`.
 *
 *   WEBHOOK_SECRET=change-me PORT=3000 npx tsx examples/node-server.ts
 *
 * Then give the provider `https://your.host/webhooks/email?token=change-me`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
// In your project: import { nodeWebhook } from 'email-webhooks/node';
import { nodeWebhook } from '../src/adapters/node.js';
// In your project: import { isWebhookError } from 'email-webhooks';
import { isWebhookError } from '../src/index.js';
import { type ExampleOptions, logEvents, type RunningExample, WEBHOOK_PATH } from './example-server.js';

/**
 * Starts the example: the webhook on one path, 404 elsewhere.
 * @param options Port, host, secret, events callback.
 */
export function startServer(options: ExampleOptions = {}): Promise<RunningExample> {
  const secret = options.secret ?? process.env.WEBHOOK_SECRET;
  if (secret === undefined) console.warn('No WEBHOOK_SECRET: anyone who knows the URL can post events.');
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
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? Number(process.env.PORT ?? 3000), host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}${WEBHOOK_PATH}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startServer().then(({ url }) => console.log(`Receiving webhooks at ${url}`));
}

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
// In your project: import { isWebhookError, type WebhookResult } from 'email-webhooks';
import { isWebhookError, type WebhookResult } from '../src/index.js';

/** Where the provider posts. */
export const WEBHOOK_PATH = '/webhooks/email';

/** How to start the example; everything has a default. */
export interface ExampleOptions {
  /** Port to listen on; 0 picks a free one. Default `PORT` or 3000. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** The secret the provider must present. Default `WEBHOOK_SECRET`. */
  secret?: string;
  /**
   * What to do with each batch. Default: one log line per event.
   * @param result The events and issues of one delivery.
   */
  onEvents?: (result: WebhookResult) => void | Promise<void>;
}

/** A started example server. */
export interface RunningExample {
  /** The full webhook URL, without the secret. */
  url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

function logEvents(result: WebhookResult): void {
  for (const event of result.events) {
    console.log(`${event.provider} ${event.type} ${JSON.stringify(event.recipient ?? null)} id=${event.id}`);
  }
}

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

/**
 * What the three examples share: where the provider posts, how to start one (the tests and `npm run demo` start
 * them on a free loopback port), and a default `onEvents` that prints each event. In your own app you need none of
 * this: mount the handler and write your `onEvents`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// In your project: import type { WebhookResult } from 'email-webhooks';
import type { WebhookResult } from '../src/index.js';

/** Where the provider posts. */
export const WEBHOOK_PATH = '/webhooks/email';

/** How to start an example; everything has a default. */
export interface ExampleOptions {
  /** Port to listen on; 0 picks a free one. Default `PORT` or 3000. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`; use `0.0.0.0` behind a proxy that terminates HTTPS. */
  host?: string;
  /** The secret the provider must present. Default `WEBHOOK_SECRET`. */
  secret?: string;
  /**
   * What to do with each batch. Default: {@link logEvents}.
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

/**
 * Prints one line per event and per undecodable item. Replace it with your own: store the events, deduplicate on
 * `event.id` (providers redeliver), suppress bounced and complained recipients.
 * @param result One delivery.
 */
export function logEvents(result: WebhookResult): void {
  for (const event of result.events) {
    console.log(`${event.provider} ${event.type} ${JSON.stringify(event.recipient ?? null)} id=${event.id}`);
  }
  for (const issue of result.issues) console.warn(`skipped item at ${JSON.stringify(issue.path)}: ${issue.message}`);
}

/**
 * Starts a Node http server on the example's port and host, and gives back its webhook URL and a way to stop it.
 * @param server The server to start.
 * @param options Port and host.
 */
export function listenExample(server: Server, options: ExampleOptions): Promise<RunningExample> {
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

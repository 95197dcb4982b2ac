import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import express, { type RequestHandler } from 'express';
import { expressWebhook, type ExpressWebhookOptions } from '../../../src/adapters/express.js';
import { fetchWebhook, type FetchWebhookOptions } from '../../../src/adapters/fetch.js';
import { nodeWebhook, type NodeWebhookOptions } from '../../../src/adapters/node.js';
import type { WebhookHandlerOptions } from '../../../src/adapters/shared/options.js';

/** The three adapters under test. */
export const ADAPTERS = ['express', 'node', 'fetch'] as const;
/** One of {@link ADAPTERS}. */
export type AdapterKind = (typeof ADAPTERS)[number];

/** A server listening on a loopback port. */
export interface RunningServer {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** Stops listening and drops every connection. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 on a free port.
 * @param server A server not yet listening.
 */
export function listenOnLoopback(server: http.Server): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/**
 * Starts one adapter on a loopback port, serving every path. Express mounts it with `app.all`, after `parsers`.
 * The Fetch handler runs behind `@hono/node-server`'s request listener, as it does under Hono on Node.
 * @param kind Which adapter.
 * @param options Its options (the context type differs per adapter; tests treat it as opaque).
 * @param parsers Express middleware to mount before the webhook (body parsers).
 */
export function startAdapter(
  kind: AdapterKind,
  options: WebhookHandlerOptions<unknown>,
  parsers: RequestHandler[] = [],
): Promise<RunningServer> {
  if (kind === 'express') {
    const app = express();
    app.all('/{*path}', ...parsers, expressWebhook(options as ExpressWebhookOptions));
    return listenOnLoopback(http.createServer(app));
  }
  if (kind === 'node') return listenOnLoopback(http.createServer(nodeWebhook(options as NodeWebhookOptions)));
  const handler = fetchWebhook(options as FetchWebhookOptions);
  return listenOnLoopback(http.createServer(getRequestListener((request) => handler(request))));
}

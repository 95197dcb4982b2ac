import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendNodeAnswer } from './shared/node-answer.js';
import { headerValue } from './shared/node-header.js';
import { readNodeBody } from './shared/node-body.js';
import type { WebhookHandlerOptions } from './shared/options.js';
import { createWebhookPipeline } from './shared/pipeline.js';
import { clientGoneSignal } from './shared/client-gone.js';

export * from './shared/adapter-exports.js';

/** What `onEvents` and `onError` receive from {@link nodeWebhook}: the Node request and response. */
export interface NodeWebhookContext {
  /** The request being handled; its body has already been read. */
  req: IncomingMessage;
  /** Its response; the handler writes the answer once `onEvents` resolved, so leave it alone. */
  res: ServerResponse;
}

/** Options of {@link nodeWebhook}. */
export type NodeWebhookOptions = WebhookHandlerOptions<NodeWebhookContext>;

/**
 * A request listener for `http.createServer` (or `https`) that receives a provider's webhooks, decodes them and
 * hands the events to `onEvents`, then answers as the provider expects.
 * @param options `onEvents`, and optionally `secret`, `maxBodyBytes`, `requestTimeoutMs`, `onError` and the
 *   core's parse options.
 * @returns `(req, res) => Promise<void>`; the promise resolves once the answer is written and never rejects.
 * @throws WebhookError `invalid_options` at once when the options cannot work.
 * @example
 * http.createServer(nodeWebhook({
 *   secret: process.env.WEBHOOK_SECRET,
 *   onEvents: async ({ events }) => save(events),
 * }))
 */
export function nodeWebhook(options: NodeWebhookOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const pipeline = createWebhookPipeline(options);
  return async (req, res) => {
    const answer = await pipeline({
      method: req.method ?? 'GET',
      target: req.url ?? '/',
      header: (name) => headerValue(req, name),
      headers: req.headers,
      readBody: (limits) => readNodeBody(req, limits),
      context: { req, res },
      clientGone: clientGoneSignal(res),
    });
    sendNodeAnswer(req, res, answer);
  };
}


import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { sendNodeAnswer } from './shared/node-answer.js';
import { headerValue } from './shared/node-header.js';
import { readNodeBody } from './shared/node-body.js';
import type { WebhookHandlerOptions } from './shared/options.js';
import { createWebhookPipeline } from './shared/pipeline.js';
import { clientGoneSignal } from './shared/client-gone.js';

export * from './shared/adapter-exports.js';

/** What `onEvents` and `onError` receive from {@link fastifyWebhook}: Fastify's request and reply. */
export interface FastifyWebhookContext {
  /** The request being handled; its body has already been read. */
  request: FastifyRequest;
  /** Its reply; the plugin writes the answer once `onEvents` resolved, so leave it alone. */
  reply: FastifyReply;
}

/** Options of {@link fastifyWebhook}: the adapters' options plus where the route is. */
export interface FastifyWebhookOptions extends WebhookHandlerOptions<FastifyWebhookContext> {
  /** The route's path inside the plugin's scope (add a `prefix` when registering to move it). Default `/`. */
  path?: string;
}

/**
 * A Fastify plugin with one webhook route that receives a provider's webhooks, decodes them and hands the events
 * to `onEvents`, then answers as the provider expects, with the same answers as the other adapters. The body
 * parser it needs (the exact bytes, within `maxBodyBytes` and `requestTimeoutMs`) lives in the plugin's own
 * scope: the application's JSON parser, and its routes, are left as they are.
 * @param options `onEvents`, and optionally `path`, `secret`, `maxBodyBytes`, `requestTimeoutMs`, `onError` and
 *   the core's parse options.
 * @returns A plugin for `app.register`; do not wrap it in `fastify-plugin`, its scope is what keeps its body
 *   parser away from your routes.
 * @throws WebhookError `invalid_options` at once when the options cannot work.
 * @example
 * await app.register(fastifyWebhook({
 *   secret: process.env.WEBHOOK_SECRET,
 *   onEvents: async ({ events }) => save(events),
 * }), { prefix: '/webhooks/email' });
 */
export function fastifyWebhook(options: FastifyWebhookOptions): FastifyPluginCallback {
  const pipeline = createWebhookPipeline(options);
  const path = options.path ?? '/';
  return (instance: FastifyInstance, _pluginOptions, done) => {
    instance.removeAllContentTypeParsers();
    // Leaves the body unread: the pipeline reads it with its own byte limit and timeout, so a large or slow body
    // gets the same 413/408 as with every other adapter, not Fastify's own errors.
    instance.addContentTypeParser('*', (_request, _payload, parsed) => parsed(null, undefined));
    instance.all(path, async (request, reply) => {
      const answer = await pipeline({
        method: request.method,
        target: request.raw.url ?? '/',
        header: (name) => headerValue(request.raw, name),
        headers: request.raw.headers,
        readBody: (limits) => readNodeBody(request.raw, limits),
        context: { request, reply },
        clientGone: clientGoneSignal(reply.raw),
      });
      // The answer is written to the raw response like the Node adapter does, connection handling included.
      reply.hijack();
      sendNodeAnswer(request.raw, reply.raw, answer);
    });
    done();
  };
}

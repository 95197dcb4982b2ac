/**
 * A Fastify app receiving email provider webhooks next to routes that keep Fastify's own JSON parser.
 * examples/fastify-server.ts starts it.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { WebhookResult } from 'email-webhooks';
import { fastifyWebhook } from 'email-webhooks/fastify';

/**
 * Builds the app: an ordinary JSON route, and the webhook plugin under `/webhooks/email`.
 * @param secret The shared secret the provider puts in the URL.
 * @param onEvents What to do with each batch.
 */
export async function buildApp(secret: string | undefined, onEvents: (result: WebhookResult) => Promise<void>): Promise<FastifyInstance> {
  const app = Fastify();
  app.post('/api/notes', async (request) => ({ saved: request.body }));
  await app.register(fastifyWebhook({ secret, onEvents }), { prefix: '/webhooks/email' });
  return app;
}

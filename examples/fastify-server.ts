/**
 * Starts the Fastify app of examples/fastify-app.ts:
 *
 *   WEBHOOK_SECRET=change-me PORT=3000 npx tsx examples/fastify-server.ts
 *
 * Point the provider at `http://host:3000/webhooks/email?token=change-me`.
 */
import { buildApp } from './fastify-app.js';

const app = await buildApp(process.env.WEBHOOK_SECRET, async ({ events }) => {
  for (const event of events) console.log(event.type, event.recipient, event.id);
});
const url = await app.listen({ port: Number(process.env.PORT ?? 3000) });
console.log(`listening on ${url}/webhooks/email`);

// Bun: WEBHOOK_SECRET=change-me PORT=3000 bun examples/bun-serve.mjs
import { fetchWebhook } from 'email-webhooks/fetch';

Bun.serve({ port: Number(process.env.PORT ?? 3000), fetch: fetchWebhook({ secret: process.env.WEBHOOK_SECRET, onEvents: ({ events }) => console.log(JSON.stringify(events)) }) });

// Deno: WEBHOOK_SECRET=change-me PORT=8000 deno run --allow-net --allow-env --allow-read examples/deno-serve.mjs
import { fetchWebhook } from 'email-webhooks/fetch';

Deno.serve({ port: Number(Deno.env.get('PORT') ?? 8000) }, fetchWebhook({ secret: Deno.env.get('WEBHOOK_SECRET'), onEvents: ({ events }) => console.log(JSON.stringify(events)) }));

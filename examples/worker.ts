/**
 * A Cloudflare Worker receiving email provider webhooks. The secret is a Worker secret
 * (`wrangler secret put WEBHOOK_SECRET`), read from `env` on each request: Workers have no `process.env` at
 * module load. Point the provider at `https://<worker>/?token=<WEBHOOK_SECRET>`.
 */
import type { WebhookResult } from 'email-webhooks';
import { fetchWebhook } from 'email-webhooks/fetch';

/** The Worker's bindings. */
export interface Env {
  /** The shared secret the provider puts in the URL. */
  WEBHOOK_SECRET: string;
}

type Handler = ReturnType<typeof fetchWebhook>;

// One handler per secret value: creating it checks the options once, and a rotated secret gets a new one.
const handlers = new Map<string, Handler>();

function handlerFor(secret: string): Handler {
  let handler = handlers.get(secret);
  if (handler === undefined) {
    handler = fetchWebhook({ secret, onEvents: logBatch });
    handlers.set(secret, handler);
  }
  return handler;
}

/** Replace with your own work: a Queue producer, D1, a fetch to your API. */
function logBatch({ provider, events, issues }: WebhookResult): void {
  console.log(`${provider}: ${events.length} event(s), ${issues.length} issue(s)`);
}

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    return handlerFor(env.WEBHOOK_SECRET)(request);
  },
};

/**
 * A Next.js App Router route handler receiving email provider webhooks at `/webhooks/email`.
 * Point the provider at `https://your.app/webhooks/email?token=<WEBHOOK_SECRET>`.
 *
 * Runtime: `nodejs` (the default) works as is. `export const runtime = 'edge'` works too: `email-webhooks/fetch`
 * imports nothing from Node and verifies signatures with Web Crypto; on the edge, read the secret the same way
 * (`process.env` is filled in at build time for edge routes, so redeploy after changing it).
 */
import { fetchWebhook } from 'email-webhooks/fetch';
import { saveEvents } from '../../../lib/email-events';

export const runtime = 'nodejs';

/** Receives one webhook request; the provider gets `200` once `saveEvents` resolved, `500` (a retry) if it throws. */
export const POST = fetchWebhook({
  secret: process.env.WEBHOOK_SECRET,
  onEvents: async ({ events }) => saveEvents(events),
});

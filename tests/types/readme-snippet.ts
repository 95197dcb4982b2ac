// The README's adapter snippets, as written there, checked by tsc with `strict` and `exactOptionalPropertyTypes`
// (tests/types/tsconfig.readme-snippet.json, run by tests/adapters/receiving-readme-snippet.test.ts). Only the
// import paths differ: the package's own names resolve to the built files, these to the sources.
import http from 'node:http';
import express from 'express';
import { Hono } from 'hono';
import type { EmailEvent } from '../../src/index.js';
import { expressWebhook } from '../../src/adapters/express.js';
import { fetchWebhook } from '../../src/adapters/fetch.js';
import { nodeWebhook } from '../../src/adapters/node.js';

declare function save(events: EmailEvent[]): Promise<void>;
declare const queue: { push(events: EmailEvent[]): Promise<void> };

// An unset variable reads `undefined`: the types take it, and the adapter refuses it when created, naming the fix.
const app = express();
app.all(
  '/webhooks/email',
  expressWebhook({
    secret: process.env.WEBHOOK_SECRET,
    onEvents: async ({ events }) => {
      await queue.push(events);
    },
  }),
);

const webhook = nodeWebhook({ secret: process.env.WEBHOOK_SECRET, onEvents: ({ events }) => save(events) });
http.createServer((req, res) => {
  if (req.url?.startsWith('/webhooks/email')) return void webhook(req, res);
  res.writeHead(404).end();
});

// Rotation: both secrets are accepted while the provider's URL is switched over.
const rotating = fetchWebhook({
  secret: [process.env.WEBHOOK_SECRET ?? '', process.env.WEBHOOK_SECRET_NEXT ?? ''],
  onEvents: ({ events }) => save(events),
});
const hono = new Hono();
hono.all('/webhooks/email', (c) => rotating(c.req.raw));

// Signing providers: keys by provider name; `secret: false` makes every request prove itself with a signature.
fetchWebhook({
  signingKeys: { sendgrid: process.env.SENDGRID_VERIFICATION_KEY },
  signatureToleranceSeconds: 300,
  secret: false,
  onEvents: ({ events }) => save(events),
});

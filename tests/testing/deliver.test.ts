import { describe, expect, it } from 'vitest';
import type { WebhookResult } from '../../src/index.js';
import { fetchWebhook } from '../../src/adapters/fetch.js';
import { nodeWebhook } from '../../src/adapters/node.js';
import { deliver } from '../../src/testing/index.js';

const events = [{ type: 'opened', recipient: 'ann@example.com', id: '22201606019253710' }] as const;

describe('deliver', () => {
  it('calls a Fetch handler with the secret as token and returns the parsed answer', async () => {
    const seen: WebhookResult[] = [];
    const handler = fetchWebhook({ secret: 's3cret', onEvents: (result) => void seen.push(result) });
    const answer = await deliver(handler, { provider: 'lingdong', events, secret: 's3cret' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.body).toMatchObject({ provider: 'lingdong', events: 1, issues: 0, duplicates: 0 });
    expect(seen[0]!.events[0]!.id).toBe('22201606019253710');
  });

  it('serves a Node listener on a free port for one request', async () => {
    const handler = nodeWebhook({ secret: 's3cret', onEvents: () => undefined });
    const refused = await deliver(handler, { provider: 'lingdong', events, secret: 'wrong' });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error: { code: 'unauthorized', message: 'the webhook secret is missing or wrong' } });
  });

  it('posts an exact body as is', async () => {
    const handler = fetchWebhook({ secret: 's3cret', onEvents: () => undefined });
    const answer = await deliver(handler, { provider: 'sendpulse', secret: 's3cret', body: '[{"event":"opened","recipient":"a@example.com"}]' });
    expect(answer.body).toMatchObject({ provider: 'sendpulse', events: 1, issues: 0, duplicates: 0 });
  });
});

describe('deliver with a signing key', () => {
  it('signs inside the body for a provider that signs there (Mailgun)', async () => {
    const handler = fetchWebhook({ signingKeys: { mailgun: 'mailgun-signing-key' }, onEvents: () => undefined });
    const events = [{ type: 'delivered', recipient: 'ann@example.com' }] as const;
    const signed = await deliver(handler, { provider: 'mailgun', events, signingKey: 'mailgun-signing-key' });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ provider: 'mailgun', events: 1 });
    const wrong = await deliver(handler, { provider: 'mailgun', events, signingKey: 'another-key' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'invalid_signature' } });
  });
});

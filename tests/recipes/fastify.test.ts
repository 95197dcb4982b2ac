import { describe, expect, it, onTestFinished } from 'vitest';
import type { EmailEvent } from 'email-webhooks';
import { deliver } from 'email-webhooks/testing';
import { buildApp } from '../../examples/fastify-app.js';

describe('Fastify recipe', () => {
  it('receives webhooks under /webhooks/email and keeps the app JSON routes', async () => {
    const seen: EmailEvent[] = [];
    const app = await buildApp('fastify-secret', async ({ events }) => void seen.push(...events));
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    onTestFinished(() => app.close());

    const answer = await deliver(`${origin}/webhooks/email`, {
      provider: 'lingdong',
      events: [{ type: 'bounced', recipient: 'ann@example.com', id: '22201606019253710', bounce: 'hard' }],
      secret: 'fastify-secret',
    });
    expect(answer.status).toBe(200);
    expect(seen.map((event) => [event.type, event.id])).toEqual([['bounced', '22201606019253710']]);

    const notes = await fetch(`${origin}/api/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' });
    expect(await notes.json()).toEqual({ saved: { text: 'hi' } });
  });
});

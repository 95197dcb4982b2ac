/**
 * Testing your own webhook handler with `email-webhooks/testing`: no hand-written provider bodies.
 * Run with vitest (CI runs it through tests/recipes/testing-example.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { EmailEvent } from 'email-webhooks';
import { fetchWebhook } from 'email-webhooks/fetch';
import { buildBody, deliver } from 'email-webhooks/testing';

// The handler under test: yours would save to a database or a queue.
function createHandler(saved: EmailEvent[]) {
  return fetchWebhook({
    secret: 'test-secret',
    onEvents: async ({ events }) => {
      saved.push(...events.filter((event) => event.type === 'bounced' || event.type === 'complained'));
    },
  });
}

describe('my email webhook', () => {
  it('keeps bounces and complaints, with exact ids', async () => {
    const saved: EmailEvent[] = [];
    const answer = await deliver(createHandler(saved), {
      provider: 'lingdong',
      secret: 'test-secret',
      events: [
        { type: 'bounced', recipient: 'ann@example.com', id: '22201606019253710', bounce: 'hard' },
        { type: 'opened', recipient: 'bo@example.com' },
        { type: 'complained', recipient: 'cy@example.com', occurredAt: new Date('2024-05-30T09:00:00Z') },
      ],
    });
    expect(answer.status).toBe(200);
    expect(saved.map((event) => [event.type, event.recipient])).toEqual([
      ['bounced', 'ann@example.com'],
      ['complained', 'cy@example.com'],
    ]);
    expect(saved[0]!.id).toBe('22201606019253710');
  });

  it('refuses a request without the secret', async () => {
    const answer = await deliver(createHandler([]), { provider: 'sendpulse', events: [{ type: 'delivered', recipient: 'ann@example.com' }] });
    expect(answer.status).toBe(401);
  });

  it('buildBody gives the exact wire body, e.g. for a fixture of your own', () => {
    const { body, contentType } = buildBody('sendpulse', [
      { type: 'opened', recipient: 'ann@example.com', occurredAt: new Date('2024-05-30T09:00:00Z') },
    ]);
    expect(contentType).toBe('application/json');
    expect(body).toBe('[{"event":"opened","timestamp":1717059600,"recipient":"ann@example.com"}]');
  });
});

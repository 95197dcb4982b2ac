import { beforeAll, describe, expect, it } from 'vitest';
import { deliver } from 'email-webhooks/testing';

type Route = typeof import('../../examples/next-app/app/webhooks/email/route.js');
type Store = typeof import('../../examples/next-app/lib/email-events.js');
let route: Route;
let store: Store;

beforeAll(async () => {
  // The route reads its secret when Next.js loads it, as in a deployment.
  process.env.WEBHOOK_SECRET = 'next-secret';
  route = await import('../../examples/next-app/app/webhooks/email/route.js');
  store = await import('../../examples/next-app/lib/email-events.js');
});

describe('Next.js App Router recipe', () => {
  it('exports POST and the runtime', () => {
    expect(route.runtime).toBe('nodejs');
    expect(typeof route.POST).toBe('function');
  });

  it('POST takes a Request and answers as the provider expects', async () => {
    const events = [{ type: 'clicked', recipient: 'ann@example.com', id: '22201606019253710', url: 'https://shop.example/a' }] as const;
    const accepted = await deliver(route.POST, { provider: 'lingdong', events, secret: 'next-secret' });
    expect(accepted.status).toBe(200);
    expect(store.receivedEvents.map((event) => [event.type, event.id, event.recipient])).toEqual([
      ['clicked', '22201606019253710', 'ann@example.com'],
    ]);
    const refused = await deliver(route.POST, { provider: 'lingdong', events, secret: 'guess' });
    expect(refused.status).toBe(401);
  });
});

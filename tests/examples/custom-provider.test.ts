import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROVIDERS, detectProvider, parseWebhook, type EmailEvent } from '../../src/index.js';
import { SAMPLE_BODY, acmeMail, createAcmeHandler, signAcme } from '../../examples/custom-provider.js';

describe('examples/custom-provider.ts', () => {
  it('decodes the sample body into exact events and one issue', () => {
    const result = parseWebhook(SAMPLE_BODY, { provider: acmeMail });
    expect(result.provider).toBe('acme-mail');
    expect(result.events.map((event) => [event.type, event.id, event.recipient, event.occurredAt?.toISOString()])).toEqual([
      ['delivered', 'ev_1', 'Ann@example.com', '2026-03-01T01:30:00.000Z'],
      ['bounced', 'ev_2', 'bob@example.com', '2026-03-01T01:31:00.000Z'],
    ]);
    expect(result.issues.map((issue) => [issue.path, issue.message])).toEqual([[['events', 2], 'not an Acme Mail event']]);
  });

  it('is detected beside the built-in providers, and by no built-in alone', () => {
    const value: unknown = JSON.parse(SAMPLE_BODY);
    expect(detectProvider(value, [...BUILT_IN_PROVIDERS, acmeMail])).toBe('acme-mail');
    expect(detectProvider(value)).toBeUndefined();
  });

  it('receives signed requests through the Fetch adapter and refuses unsigned or forged ones', async () => {
    const received: EmailEvent[][] = [];
    const handler = createAcmeHandler('acme-key', (events) => void received.push(events));
    const post = (headers: Record<string, string>) =>
      handler(new Request('http://localhost/hooks/acme', { method: 'POST', body: SAMPLE_BODY, headers }));

    const good = await post({ 'x-acme-signature': await signAcme(SAMPLE_BODY, 'acme-key') });
    expect(good.status).toBe(200);
    expect(received.map((events) => events.map((event) => event.id))).toEqual([['ev_1', 'ev_2']]);

    const forged = await post({ 'x-acme-signature': await signAcme(SAMPLE_BODY, 'guess') });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    expect((await post({})).status).toBe(401);
    expect(received).toHaveLength(1);
  });
});

import { describe, expect, test } from 'vitest';
import { claimBatch } from '../../src/dedupe/claim-batch.js';
import { memoryStore, type DedupeStore, type EmailEvent } from '../../src/index.js';

const event = (id: string, provider = 'sendgrid'): EmailEvent =>
  ({ provider, id, type: 'delivered', recipient: `${id}@example.com`, occurredAt: undefined, raw: {} }) as EmailEvent;

describe('claimBatch', () => {
  test('sorts a batch into fresh, done, busy and repeated ids, keyed by provider and id', async () => {
    const store = memoryStore();
    await store.claim('sendgrid:done', 'earlier', 10_000);
    await store.complete('sendgrid:done', 'earlier', 10_000);
    await store.claim('sendgrid:busy', 'elsewhere', 10_000);
    const claims = await claimBatch(
      store,
      [event('a'), event('done'), event('a'), event('busy'), event('a', 'mailgun')],
      'me',
      10_000,
    );
    expect(claims.fresh.map((fresh) => `${fresh.provider}:${fresh.id}`)).toEqual(['sendgrid:a', 'mailgun:a']);
    expect(claims.keys).toEqual(['sendgrid:a', 'mailgun:a']);
    expect(claims.duplicates).toBe(2);
    expect(claims.busy).toBe(1);
    expect(await store.claim('sendgrid:a', 'other', 10_000)).toBe('busy');
  });

  test('a store failing part-way releases the claims already made and rethrows', async () => {
    const inner = memoryStore();
    const failing: DedupeStore = {
      claim: (key, owner, leaseMs) => (key === 'sendgrid:b' ? Promise.reject(new Error('connection reset')) : inner.claim(key, owner, leaseMs)),
      complete: (key, owner, ttlMs) => inner.complete(key, owner, ttlMs),
      release: (key, owner) => inner.release(key, owner),
    };
    await expect(claimBatch(failing, [event('a'), event('b'), event('c')], 'me', 10_000)).rejects.toThrow('connection reset');
    expect(await inner.claim('sendgrid:a', 'next', 10_000)).toBe('claimed');
    expect(await inner.claim('sendgrid:c', 'next', 10_000)).toBe('claimed');
  });
});

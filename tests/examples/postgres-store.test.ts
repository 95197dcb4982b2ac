import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDedupeTable, postgresStore, pruneExpired } from '../../examples/postgres-store.js';
import { fetchWebhook } from '../../src/adapters/fetch.js';
import { sendpulseBatch } from '../adapters/support/provider-batches.js';

let db: PGlite;

beforeAll(async () => {
  db = new PGlite();
  await createDedupeTable(db);
});
afterAll(async () => {
  await db?.close();
});

describe('examples/postgres-store.ts on PGlite', () => {
  test('claim, busy, complete, done, release by owner only', async () => {
    const store = postgresStore(db);
    expect(await store.claim('sendgrid:a', 'one', 10_000)).toBe('claimed');
    expect(await store.claim('sendgrid:a', 'two', 10_000)).toBe('busy');
    await store.release('sendgrid:a', 'two');
    expect(await store.claim('sendgrid:a', 'two', 10_000)).toBe('busy');
    await store.release('sendgrid:a', 'one');
    expect(await store.claim('sendgrid:a', 'two', 10_000)).toBe('claimed');
    await store.complete('sendgrid:a', 'two', 60_000);
    await store.release('sendgrid:a', 'two');
    expect(await store.claim('sendgrid:a', 'three', 10_000)).toBe('done');
    const { rows } = await db.query<{ owner: string | null }>('SELECT owner FROM webhook_dedupe WHERE key = $1', ['sendgrid:a']);
    expect(rows).toEqual([{ owner: null }]);
  });

  test('an expired lease or done record frees the key, and pruning removes expired rows', async () => {
    const store = postgresStore(db);
    expect(await store.claim('lease', 'crashed', 30)).toBe('claimed');
    await store.claim('old', 'o', 30);
    await store.complete('old', 'o', 30);
    await sleep(60);
    expect(await store.claim('lease', 'next', 10_000)).toBe('claimed');
    expect(await pruneExpired(db)).toBe(1);
    expect(await store.claim('old', 'again', 10_000)).toBe('claimed');
  });

  test('concurrent claims of one key: exactly one wins', async () => {
    const store = postgresStore(db);
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, index) => store.claim('race', `owner-${index}`, 10_000)));
    expect(outcomes.filter((outcome) => outcome === 'claimed')).toHaveLength(1);
  });

  test('as the dedupe store of an adapter: a redelivery is all duplicates', async () => {
    let handled = 0;
    const handler = fetchWebhook({
      secret: 's',
      provider: 'sendpulse',
      onEvents: (result) => void (handled += result.events.length),
      dedupe: { store: postgresStore(db) },
    });
    const post = async () =>
      (await handler(new Request('https://hooks.example/hook?token=s', { method: 'POST', body: sendpulseBatch(5, 500) }))).json();
    expect(await post()).toEqual({ provider: 'sendpulse', events: 5, issues: 0, duplicates: 0 });
    expect(await post()).toEqual({ provider: 'sendpulse', events: 5, issues: 0, duplicates: 5 });
    expect(handled).toBe(5);
  });
});

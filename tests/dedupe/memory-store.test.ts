import { describe, expect, test } from 'vitest';
import { memoryStore } from '../../src/index.js';

function clock(start = 1_000_000) {
  const time = { now: start };
  return { time, now: () => time.now };
}

describe('memoryStore', () => {
  test('a key is claimed once, busy while in progress, done after completion until its ttl ends', async () => {
    const { time, now } = clock();
    const store = memoryStore({ now });
    expect(await store.claim('sendgrid:a', 'one', 1000)).toBe('claimed');
    expect(await store.claim('sendgrid:a', 'two', 1000)).toBe('busy');
    await store.complete('sendgrid:a', 'one', 5000);
    expect(await store.claim('sendgrid:a', 'two', 1000)).toBe('done');
    time.now += 4999;
    expect(await store.claim('sendgrid:a', 'two', 1000)).toBe('done');
    time.now += 1;
    expect(await store.claim('sendgrid:a', 'two', 1000)).toBe('claimed');
  });

  test('a claim whose lease ended (a crashed holder) can be taken over', async () => {
    const { time, now } = clock();
    const store = memoryStore({ now });
    expect(await store.claim('k', 'crashed', 30_000)).toBe('claimed');
    time.now += 29_999;
    expect(await store.claim('k', 'next', 30_000)).toBe('busy');
    time.now += 1;
    expect(await store.claim('k', 'next', 30_000)).toBe('claimed');
  });

  test('release frees only its own in-progress claim, never a done key or another owner\'s claim', async () => {
    const store = memoryStore();
    await store.claim('k', 'one', 1000);
    await store.release('k', 'two');
    expect(await store.claim('k', 'three', 1000)).toBe('busy');
    await store.release('k', 'one');
    expect(await store.claim('k', 'three', 1000)).toBe('claimed');
    await store.complete('k', 'three', 1000);
    await store.release('k', 'three');
    expect(await store.claim('k', 'four', 1000)).toBe('done');
  });

  test('completion counts even after the lease ran out and another request took the claim', async () => {
    const { time, now } = clock();
    const store = memoryStore({ now });
    await store.claim('k', 'slow', 100);
    time.now += 200;
    expect(await store.claim('k', 'retry', 100)).toBe('claimed');
    await store.complete('k', 'slow', 1000);
    await store.release('k', 'retry');
    expect(await store.claim('k', 'third', 100)).toBe('done');
  });

  test('bounded: the oldest done keys go first; claims in progress are never dropped', async () => {
    const store = memoryStore({ maxEntries: 3 });
    await store.claim('a', 'o', 10_000);
    await store.complete('a', 'o', 10_000);
    await store.claim('b', 'o', 10_000);
    await store.complete('b', 'o', 10_000);
    await store.claim('c', 'o', 10_000);
    expect(await store.claim('d', 'o', 10_000)).toBe('claimed');
    // 'a' was the oldest done key; claiming it again drops 'b', the last done one.
    expect(await store.claim('a', 'p', 10_000)).toBe('claimed');
    // Full of claims in progress (c, d, a): a new key is busy, not a dropped claim.
    expect(await store.claim('b', 'p', 10_000)).toBe('busy');
    expect(await store.claim('e', 'p', 10_000)).toBe('busy');
    expect(await store.claim('c', 'p', 10_000)).toBe('busy');
  });

  test('expired keys make room too', async () => {
    const { time, now } = clock();
    const store = memoryStore({ maxEntries: 2, now });
    await store.claim('a', 'o', 10);
    await store.claim('b', 'o', 10);
    expect(await store.claim('c', 'o', 10)).toBe('busy');
    time.now += 10;
    expect(await store.claim('c', 'o', 10)).toBe('claimed');
  });

  test('refuses a maxEntries that cannot work', () => {
    expect(() => memoryStore({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => memoryStore({ maxEntries: 1.5 })).toThrow(RangeError);
  });
});

import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { redisStore } from '../../src/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

let server: RedisServer;
let nodeRedis: ReturnType<typeof createClient>;
let ioredis: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  nodeRedis = createClient({ url: server.url });
  await nodeRedis.connect();
  ioredis = new Redis(server.url);
});

afterAll(async () => {
  await nodeRedis?.quit();
  ioredis?.disconnect();
  await server?.stop();
});

const clients = {
  'node-redis': () => nodeRedis,
  ioredis: () => ioredis,
};

describe.each(Object.entries(clients))('redisStore over %s', (name, client) => {
  const store = () => redisStore(client(), { prefix: `test:${name}:` });

  test('claim, busy, complete, done: the keys live in Redis under the prefix with their expiry', async () => {
    const redis = store();
    expect(await redis.claim('sendgrid:a', 'one', 5000)).toBe('claimed');
    expect(await ioredis.get(`test:${name}:sendgrid:a`)).toBe('one');
    const lease = await ioredis.pttl(`test:${name}:sendgrid:a`);
    expect(lease).toBeGreaterThan(4000);
    expect(lease).toBeLessThanOrEqual(5000);
    expect(await redis.claim('sendgrid:a', 'two', 5000)).toBe('busy');
    await redis.complete('sendgrid:a', 'one', 60_000);
    expect(await ioredis.get(`test:${name}:sendgrid:a`)).toBe('done');
    expect(await ioredis.pttl(`test:${name}:sendgrid:a`)).toBeGreaterThan(59_000);
    expect(await redis.claim('sendgrid:a', 'two', 5000)).toBe('done');
  });

  test('a lease ends on its own (a crashed holder)', async () => {
    const redis = store();
    expect(await redis.claim('lease', 'crashed', 50)).toBe('claimed');
    expect(await redis.claim('lease', 'next', 50)).toBe('busy');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await redis.claim('lease', 'next', 50)).toBe('claimed');
  });

  test('release deletes only its own claim in progress', async () => {
    const redis = store();
    await redis.claim('r', 'one', 5000);
    await redis.release('r', 'two');
    expect(await ioredis.get(`test:${name}:r`)).toBe('one');
    await redis.release('r', 'one');
    expect(await ioredis.exists(`test:${name}:r`)).toBe(0);
    await redis.claim('r', 'three', 5000);
    await redis.complete('r', 'three', 5000);
    await redis.release('r', 'three');
    expect(await ioredis.get(`test:${name}:r`)).toBe('done');
  });

  test('concurrent claims of one key: exactly one wins', async () => {
    const redis = store();
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, index) => redis.claim('race', `owner-${index}`, 5000)));
    expect(outcomes.filter((outcome) => outcome === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'busy')).toHaveLength(49);
  });
});

test('the default prefix', async () => {
  await redisStore(ioredis).claim('mailgun:x', 'o', 5000);
  expect(await ioredis.get('email-webhooks:dedupe:mailgun:x')).toBe('o');
});

test('anything that is not a Redis client is refused at once', () => {
  expect(() => redisStore({} as never)).toThrow(TypeError);
  expect(() => redisStore(null as never)).toThrow(TypeError);
});

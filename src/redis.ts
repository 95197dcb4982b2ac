import type { ClaimOutcome, DedupeStore } from './dedupe/store.js';

export type { ClaimOutcome, DedupeStore } from './dedupe/store.js';

/**
 * A node-redis (v4 or later) client: anything with `sendCommand(['SET', ...])`. Only the shape is used, so
 * `redis` is not a dependency of this package.
 */
export interface NodeRedisLikeClient {
  /**
   * Sends one command with its arguments and resolves with Redis's reply.
   * @param args The command and its arguments, e.g. `['SET', key, value, 'NX']`.
   */
  sendCommand(args: string[]): Promise<unknown>;
}

/** An ioredis client (or cluster): anything with `call('SET', ...)`. */
export interface IoRedisLikeClient {
  /**
   * Sends one command and resolves with Redis's reply.
   * @param command The command, e.g. `'SET'`.
   * @param args Its arguments.
   */
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /** Put before every key, so several apps can share one Redis. Default `email-webhooks:dedupe:`. */
  prefix?: string;
}

/** The default key prefix of {@link redisStore}. */
export const DEFAULT_REDIS_PREFIX = 'email-webhooks:dedupe:';

/** The value of a done key; owners are the requests' random tokens, never this. */
const DONE = 'done';

// Deletes the key only while it still holds this owner's claim: never a done key or another request's claim.
const RELEASE_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

type Send = (args: string[]) => Promise<unknown>;

function senderOf(client: unknown): Send {
  const candidate = client as Partial<IoRedisLikeClient & NodeRedisLikeClient> | null;
  // ioredis also has a sendCommand, taking a Command object: look for its `call` first.
  if (typeof candidate?.call === 'function') {
    const call = candidate.call.bind(candidate);
    return ([command, ...args]) => call(command!, ...args);
  }
  if (typeof candidate?.sendCommand === 'function') return candidate.sendCommand.bind(candidate);
  throw new TypeError('redisStore: pass a connected node-redis (v4+) or ioredis client');
}

function asText(reply: unknown): string | null {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === 'string') return reply;
  // Clients configured to return buffers.
  if (reply instanceof Uint8Array) return new TextDecoder().decode(reply);
  return String(reply);
}

/**
 * A {@link DedupeStore} in Redis, shared by every instance that uses the same Redis and prefix. Atomic in Redis
 * itself: a claim is one `SET key owner NX PX leaseMs` (plus a `GET` only when the key exists), completing is
 * `SET key done PX ttlMs`, and a release is a script that deletes the key only while it still holds the owner.
 * @param client A connected node-redis v4+ client (`createClient()`; not a node-redis cluster, whose
 *   `sendCommand` takes other arguments) or an ioredis client or cluster (`new Redis()`, `new Cluster()`).
 * @param options `prefix` for the keys.
 * @returns The store.
 * @example
 * import { createClient } from 'redis'
 * import { redisStore } from 'email-webhooks/redis'
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect()
 * expressWebhook({ secret, on: { bounced: suppress }, dedupe: { store: redisStore(redis) } })
 */
export function redisStore(client: NodeRedisLikeClient | IoRedisLikeClient, options: RedisStoreOptions = {}): DedupeStore {
  const send = senderOf(client);
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  return {
    async claim(key, owner, leaseMs): Promise<ClaimOutcome> {
      const redisKey = prefix + key;
      const set = await send(['SET', redisKey, owner, 'NX', 'PX', String(Math.max(1, Math.ceil(leaseMs)))]);
      if (asText(set) === 'OK') return 'claimed';
      // A key that vanished between the two commands was released or expired a moment ago: the retry will claim.
      return asText(await send(['GET', redisKey])) === DONE ? 'done' : 'busy';
    },
    async complete(key, _owner, ttlMs) {
      await send(['SET', prefix + key, DONE, 'PX', String(Math.max(1, Math.ceil(ttlMs)))]);
    },
    async release(key, owner) {
      await send(['EVAL', RELEASE_SCRIPT, '1', prefix + key, owner]);
    },
  };
}

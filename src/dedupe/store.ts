/**
 * What a claim on an event found.
 * - `claimed`: nobody handled the event yet (or an earlier claim's lease ran out): it is yours to handle.
 * - `done`: the event was handled within the dedup window: do not handle it again.
 * - `busy`: another request holds an unexpired claim on it right now: try again later.
 */
export type ClaimOutcome = 'claimed' | 'done' | 'busy';

/**
 * Where the adapters remember which events were handled, so a redelivered event is handled once, whichever
 * instance receives it. Implement it over any store that can insert a row only when its key is absent (Redis
 * `SET NX`, SQL `INSERT ... ON CONFLICT DO NOTHING`): see `memoryStore`, `redisStore` and
 * `examples/postgres-store.ts`.
 *
 * A key moves through two states: in progress (held by one `owner`, until its lease ends) and done (until its
 * time to live ends). Each request uses its own `owner` string, so a request can never release or mistake
 * another request's claim for its own. Every method may throw or reject when the store is unreachable: the
 * request is then answered `500` and the provider retries.
 */
export interface DedupeStore {
  /**
   * Claims one event atomically: when the key is absent, or its in-progress lease has ended, it becomes in
   * progress for `owner` until `leaseMs` from now.
   * @param key `${provider}:${id}`.
   * @param owner The claiming request's unique token.
   * @param leaseMs How long the claim holds if it is never completed or released (a crashed process).
   * @returns `claimed`, `done` or `busy` (see {@link ClaimOutcome}).
   */
  claim(key: string, owner: string, leaseMs: number): Promise<ClaimOutcome>;
  /**
   * Records that the event was handled: the key becomes done until `ttlMs` from now, whoever holds it. The work
   * happened, so the record is true even when `owner`'s lease already ran out.
   * @param key The claimed key.
   * @param owner The request that handled it.
   * @param ttlMs How long a redelivery is recognized as a duplicate.
   */
  complete(key: string, owner: string, ttlMs: number): Promise<void>;
  /**
   * Gives a claim back after its handling failed, so a redelivery can handle the event at once. Only removes the
   * key while it is still in progress for `owner`: never a done key, never someone else's claim.
   * @param key The claimed key.
   * @param owner The request that claimed it.
   */
  release(key: string, owner: string): Promise<void>;
}

/**
 * Tells whether a value has the three methods of a {@link DedupeStore}.
 * @param value Anything, e.g. the `store` option.
 */
export function isDedupeStore(value: unknown): value is DedupeStore {
  if (typeof value !== 'object' || value === null) return false;
  const store = value as Record<string, unknown>;
  return typeof store.claim === 'function' && typeof store.complete === 'function' && typeof store.release === 'function';
}

/**
 * The key an event is claimed under.
 * @param provider The provider's name.
 * @param id The event's id.
 */
export function dedupeKey(provider: string, id: string): string {
  return `${provider}:${id}`;
}

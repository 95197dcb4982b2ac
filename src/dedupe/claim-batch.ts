import type { EmailEvent } from '../events.js';
import { dedupeKey, type DedupeStore } from './store.js';

/** What claiming every event of one request found. */
export interface BatchClaims {
  /** The events this request claimed and must handle now, in body order. */
  fresh: EmailEvent[];
  /** The dedup key of each fresh event, by position in `fresh`. */
  keys: string[];
  /** Events handled before (by this or another instance), or repeated within this batch. */
  duplicates: number;
  /** Events another request is handling right now: the request must not be answered `200`. */
  busy: number;
}

/**
 * Claims every event of a batch for one request. An id repeated within the batch is claimed once and counted as a
 * duplicate. When the store fails part-way, the claims already made are released before the error is rethrown.
 * @param store The dedupe store.
 * @param events The batch's events.
 * @param owner The request's unique token.
 * @param leaseMs How long each claim holds if the process dies.
 */
export async function claimBatch(
  store: DedupeStore,
  events: readonly EmailEvent[],
  owner: string,
  leaseMs: number,
): Promise<BatchClaims> {
  const seen = new Set<string>();
  const unique: EmailEvent[] = [];
  const uniqueKeys: string[] = [];
  let duplicates = 0;
  for (const event of events) {
    const key = dedupeKey(event.provider, event.id);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    unique.push(event);
    uniqueKeys.push(key);
  }
  // All at once: one round trip of latency for the batch, not one per event.
  const outcomes = await Promise.allSettled(uniqueKeys.map((key) => store.claim(key, owner, leaseMs)));
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure !== undefined) {
    const claimed = uniqueKeys.filter((_key, index) => {
      const outcome = outcomes[index]!;
      return outcome.status === 'fulfilled' && outcome.value === 'claimed';
    });
    await releaseClaims(store, claimed, owner);
    throw (failure as PromiseRejectedResult).reason;
  }
  const claims: BatchClaims = { fresh: [], keys: [], duplicates, busy: 0 };
  outcomes.forEach((outcome, index) => {
    const value = (outcome as PromiseFulfilledResult<string>).value;
    if (value === 'claimed') {
      claims.fresh.push(unique[index]!);
      claims.keys.push(uniqueKeys[index]!);
    } else if (value === 'done') claims.duplicates++;
    else claims.busy++;
  });
  return claims;
}

/**
 * Gives claims back after a failed handling. A store error here is dropped: the lease ends the claim anyway.
 * @param store The dedupe store.
 * @param keys The keys to release.
 * @param owner The request that claimed them.
 */
export async function releaseClaims(store: DedupeStore, keys: readonly string[], owner: string): Promise<void> {
  await Promise.allSettled(keys.map((key) => store.release(key, owner)));
}

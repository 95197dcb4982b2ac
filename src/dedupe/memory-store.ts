import type { ClaimOutcome, DedupeStore } from './store.js';

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The most keys kept at once. When full, the oldest done keys (and any expired ones) are dropped first; when
   * every key is still in progress, new claims get `busy` rather than dropping a claim someone holds.
   * Default {@link DEFAULT_MEMORY_STORE_MAX_ENTRIES}.
   */
  maxEntries?: number;
  /** The clock, in milliseconds since the epoch; for tests. Default `Date.now`. */
  now?: () => number;
}

/** The default `maxEntries` of {@link memoryStore}: 100 000 keys, about 15-20 MiB. */
export const DEFAULT_MEMORY_STORE_MAX_ENTRIES = 100_000;

interface Entry {
  /** The owner of an in-progress claim, or `undefined` once done. */
  owner: string | undefined;
  /** When the lease (in progress) or the time to live (done) ends. */
  expiresAt: number;
}

/**
 * A {@link DedupeStore} in this process's memory: for one instance only (several instances need a shared store
 * such as `redisStore`), and forgotten on restart. Bounded by `maxEntries`; expiry is checked on access, so no
 * timer is left running.
 * @param options `maxEntries`.
 * @returns The store.
 */
export function memoryStore(options: MemoryStoreOptions = {}): DedupeStore {
  const maxEntries = options.maxEntries ?? DEFAULT_MEMORY_STORE_MAX_ENTRIES;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError('memoryStore: maxEntries must be a positive integer');
  }
  const now = options.now ?? Date.now;
  // Map order is insertion order: entries are re-inserted when done, so the first done entries are the oldest.
  const entries = new Map<string, Entry>();

  const live = (key: string, at: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > at) return entry;
    entries.delete(key);
    return undefined;
  };

  /** Makes room for one more key; false when every key is an unexpired claim in progress. */
  const makeRoom = (at: number): boolean => {
    if (entries.size < maxEntries) return true;
    for (const [key, entry] of entries) {
      if (entry.owner === undefined || entry.expiresAt <= at) {
        entries.delete(key);
        if (entries.size < maxEntries) return true;
      }
    }
    return entries.size < maxEntries;
  };

  return {
    async claim(key, owner, leaseMs): Promise<ClaimOutcome> {
      const at = now();
      const entry = live(key, at);
      if (entry !== undefined) return entry.owner === undefined ? 'done' : 'busy';
      if (!makeRoom(at)) return 'busy';
      entries.set(key, { owner, expiresAt: at + leaseMs });
      return 'claimed';
    },
    async complete(key, _owner, ttlMs) {
      const at = now();
      entries.delete(key);
      if (!makeRoom(at)) return;
      entries.set(key, { owner: undefined, expiresAt: at + ttlMs });
    },
    async release(key, owner) {
      const entry = live(key, now());
      if (entry !== undefined && entry.owner === owner) entries.delete(key);
    },
  };
}

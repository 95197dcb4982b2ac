export { memoryStore, DEFAULT_MEMORY_STORE_MAX_ENTRIES, type MemoryStoreOptions } from './memory-store.js';
export { dedupeKey, isDedupeStore, type ClaimOutcome, type DedupeStore } from './store.js';

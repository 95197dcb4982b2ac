/**
 * A `DedupeStore` on PostgreSQL, for apps that already have a database and no Redis. It works with any client
 * whose `query(text, params)` resolves to `{ rows }`: node-postgres (`pg.Pool`), PGlite, postgres.js adapters.
 * The tests run it on PGlite (`@electric-sql/pglite`), PostgreSQL compiled to WebAssembly, in-process.
 *
 * One row per event key. A claim is `INSERT ... ON CONFLICT DO NOTHING`: PostgreSQL's unique index makes it atomic
 * across every instance, so two deliveries of one event can never both insert. An expired row (a dead holder's
 * lease, or a done record past its time to live) is deleted first, by a statement that only matches expired rows.
 *
 * Bonus of a SQL store: when a handler's effect is written to the same database, record the effect and call
 * `complete` in one transaction, and the effect itself becomes exactly-once (see the README).
 */
// In your project: import type { ClaimOutcome, DedupeStore } from 'email-webhooks';
import type { ClaimOutcome, DedupeStore } from '../src/index.js';

/** The one method used of a PostgreSQL client. */
export interface SqlClient {
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** The table, created by {@link createDedupeTable}. */
export const DEDUPE_TABLE = 'webhook_dedupe';

/**
 * Creates the table if it does not exist: the key, the owner of a claim in progress (null once done), and when
 * the row stops counting.
 * @param db The client.
 */
export async function createDedupeTable(db: SqlClient): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS ${DEDUPE_TABLE} (
    key text PRIMARY KEY,
    owner text,
    expires_at timestamptz NOT NULL
  )`);
  await db.query(`CREATE INDEX IF NOT EXISTS ${DEDUPE_TABLE}_expires_at ON ${DEDUPE_TABLE} (expires_at)`);
}

/**
 * Deletes rows that stopped counting; run it from a daily job so the table stays the size of the dedup window.
 * @param db The client.
 * @returns How many rows were deleted.
 */
export async function pruneExpired(db: SqlClient): Promise<number> {
  const { rows } = await db.query<{ key: string }>(`DELETE FROM ${DEDUPE_TABLE} WHERE expires_at <= clock_timestamp() RETURNING key`);
  return rows.length;
}

/**
 * A {@link DedupeStore} over a PostgreSQL table; times come from the database's clock, so instances whose clocks
 * disagree still agree on leases.
 * @param db The client (a pool, so concurrent requests do not queue on one connection).
 */
export function postgresStore(db: SqlClient): DedupeStore {
  return {
    async claim(key, owner, leaseMs): Promise<ClaimOutcome> {
      await db.query(`DELETE FROM ${DEDUPE_TABLE} WHERE key = $1 AND expires_at <= clock_timestamp()`, [key]);
      const inserted = await db.query<{ key: string }>(
        `INSERT INTO ${DEDUPE_TABLE} (key, owner, expires_at)
         VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')
         ON CONFLICT (key) DO NOTHING
         RETURNING key`,
        [key, owner, leaseMs],
      );
      if (inserted.rows.length === 1) return 'claimed';
      const existing = await db.query<{ owner: string | null }>(`SELECT owner FROM ${DEDUPE_TABLE} WHERE key = $1`, [key]);
      // A row that vanished in between was released a moment ago: the provider's retry will claim it.
      const row = existing.rows[0];
      return row !== undefined && row.owner === null ? 'done' : 'busy';
    },
    async complete(key, _owner, ttlMs) {
      await db.query(
        `INSERT INTO ${DEDUPE_TABLE} (key, owner, expires_at)
         VALUES ($1, NULL, clock_timestamp() + $2 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET owner = NULL, expires_at = EXCLUDED.expires_at`,
        [key, ttlMs],
      );
    },
    async release(key, owner) {
      await db.query(`DELETE FROM ${DEDUPE_TABLE} WHERE key = $1 AND owner = $2`, [key, owner]);
    },
  };
}

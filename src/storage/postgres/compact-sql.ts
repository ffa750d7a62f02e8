import type pg from "pg";

/** The tables personal data lives in, and those an erasure or a retention sweep rewrites rows of. */
const COMPACTED_TABLES = [
  "orders",
  "order_items",
  "submissions",
  "events",
  "webhook_attempts",
  "idempotency_records",
  "batches",
];

// VACUUM of a large table outlasts the pool's bounds on a statement: an hour, on this connection only.
const VACUUM_TIMEOUT_MS = 60 * 60 * 1000;

/**
 * VACUUMs (FULL when asked) the tables erased data lived in, so that their dead rows are removed (plain)
 * or the tables rewritten without them (FULL, which locks each table while it is rewritten). VACUUM runs
 * outside a transaction, on a pooled connection, whose search_path (set when the pool opens it) names the
 * store's schema, so these are its tables. The connection is closed afterwards rather than returned with
 * its timeout changed, or with a VACUUM still running after the client gave up on it.
 */
export async function compactTables(pool: pg.Pool, full: boolean): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`SET statement_timeout = ${VACUUM_TIMEOUT_MS}`);
    // pg reads a query's own `query_timeout` before the pool's, though its types do not name it.
    const vacuum: pg.QueryConfig & { query_timeout: number } = {
      text: `VACUUM ${full ? "(FULL) " : ""}${COMPACTED_TABLES.join(", ")}`,
      query_timeout: VACUUM_TIMEOUT_MS + 10_000,
    };
    await client.query(vacuum);
  } finally {
    client.release(true);
  }
}

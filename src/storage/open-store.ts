import { isPostgresUrl, sqliteFilePath } from "./database-url.js";
import { guardStore } from "./guard-store.js";
import { classifyPostgresError } from "./postgres/postgres-errors.js";
import { createPostgresStore } from "./postgres/postgres-store.js";
import { createSqliteThreadStore } from "./sqlite/sqlite-thread-store.js";
import type { Store } from "./store.js";

/** How to open a store; only PostgreSQL has a pool to size and queries to bound on the client side. */
export interface OpenStoreOptions {
  /** Most PostgreSQL connections this process opens. */
  poolSize?: number;
  /** Longest a PostgreSQL connection attempt or query may take (default 5 s). */
  timeoutMs?: number;
}

/**
 * Picks the adapter from `DATABASE_URL`: a `postgres://` URL is PostgreSQL, a file path (or `file:` URL)
 * is SQLite, run on a worker thread of its own. Either way the store is migrated before it is returned.
 */
export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(databaseUrl)) {
    const store = await createPostgresStore(databaseUrl, {
      maxConnections: options.poolSize ?? 10,
      timeoutMs: options.timeoutMs ?? 5000,
    });
    return guardStore(store, classifyPostgresError);
  }
  return createSqliteThreadStore(sqliteFilePath(databaseUrl));
}

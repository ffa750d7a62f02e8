import pg from "pg";
import { isQueryTimeout } from "./postgres-errors.js";

// Return dates as ISO strings without a time zone shift, and bigint counts as numbers: they stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

/** Settings of the connection pool. */
export interface PostgresPoolOptions {
  /** Most connections this process opens. */
  maxConnections: number;
  /**
   * Longest a connection attempt, and a query, may take before the client gives up on it. A server behind a
   * partition neither answers nor refuses: without a client-side bound a request would wait for the
   * system's TCP timeout (many minutes).
   */
  timeoutMs: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A pool for a `postgres://` URL. A `schema` query parameter (`?schema=intake`) puts every table in that
 * schema (so several deployments, or test files, can share one database); it is set as the connections'
 * search_path at startup, which costs no round trip.
 */
export function createPostgresPool(
  url: string,
  options: PostgresPoolOptions,
): { pool: pg.Pool; schema: string; connection: pg.ClientConfig } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? "public";
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name in DATABASE_URL: ${schema}`);
  parsed.searchParams.delete("schema");
  const connection: pg.ClientConfig = {
    connectionString: parsed.toString(),
    // A claim is a row lock held by an open transaction. It is released when the transaction ends: on a
    // dropped connection, which keepalives detect when a machine vanishes and the connection check
    // detects while a query runs; and after 60 s idle in a transaction, for a process that hangs.
    options:
      `-c search_path=${schema} -c synchronous_commit=on -c idle_in_transaction_session_timeout=60000` +
      " -c client_connection_check_interval=5000 -c DateStyle=ISO -c statement_timeout=30000 -c lock_timeout=10000",
    // An unreachable server fails a request within the bound (503), not after the system's TCP timeout.
    connectionTimeoutMillis: options.timeoutMs,
    // Probes a connection that has been quiet for 10 s, so that one to a vanished machine is closed.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: "order-intake",
  };
  // Only the pool's queries are bounded: the migration's lock wait, and the listener for access changes,
  // may rightly wait longer (their own connections, from `connection`).
  const pool = new pg.Pool({ ...connection, query_timeout: options.timeoutMs, max: options.maxConnections });
  // An idle connection that breaks (the server restarts, say) must not crash the process; the next
  // query gets a fresh connection.
  pool.on("error", () => {});
  // The pool listens for errors of idle connections only. One that breaks while checked out (terminated in
  // a transaction, reset by a proxy, at the end of a partition) emits `error` too, which with no listener
  // ends the process; its query rejects all the same, the request is answered 503, and the connection is
  // discarded on release.
  pool.on("connect", (client) => client.on("error", () => {}));
  return { pool, schema, connection };
}

/** Runs `work` in one transaction on one connection; rolls back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection whose query did not answer in time still has that query outstanding: it is discarded at
    // once (a ROLLBACK would only queue behind it). One that cannot even roll back is discarded too, rather
    // than handed to the next user mid-transaction.
    if (isQueryTimeout(error)) broken = error as Error;
    else {
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

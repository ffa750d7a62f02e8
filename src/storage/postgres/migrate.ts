import pg from "pg";
import { migrations } from "./migrations/index.js";

// Any fixed number: every instance that migrates takes this lock, so only one applies migrations at a time.
const MIGRATION_LOCK = 4_711_031;

/**
 * Applies the migrations not yet recorded, under a session advisory lock so that instances starting
 * together wait for each other instead of applying the same migration twice. Each migration commits with
 * its record, in one transaction.
 */
export async function migratePostgres(connection: pg.ClientConfig, schema: string): Promise<void> {
  // A connection of its own, not the pool's: the pool's bounds are for requests, and waiting for another
  // instance's migration, or building an index on a large table, may rightly take longer.
  const client = new pg.Client(connection);
  // A connection lost mid-migration rejects the query under way; the event must not end the process too.
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("SET lock_timeout = 0");
    await client.query("SET statement_timeout = 0");
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
      const applied = new Set(rows.map((row) => row.version));
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
            migration.version,
            migration.name,
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}

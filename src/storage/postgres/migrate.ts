import type pg from "pg";
import { migrations } from "./migrations/index.js";

// Any fixed number: every instance that migrates takes this lock, so only one applies migrations at a time.
const MIGRATION_LOCK = 4_711_031;

/**
 * Applies the migrations not yet recorded, under a session advisory lock so that instances starting
 * together wait for each other instead of applying the same migration twice. Each migration commits with
 * its record, in one transaction.
 */
export async function migratePostgres(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    // The pool's lock and statement timeouts are for requests: waiting for another instance's migration,
    // or building an index on a large table, may rightly take longer.
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
    await client.query("RESET lock_timeout");
    await client.query("RESET statement_timeout");
  } finally {
    client.release();
  }
}

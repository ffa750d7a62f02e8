import type Database from "better-sqlite3";
import { migrations } from "./migrations/index.js";

/**
 * Applies the migrations not yet recorded. BEGIN IMMEDIATE takes the write lock before reading the
 * applied versions, so two processes starting at once cannot both apply the same migration.
 */
export function migrateSqlite(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const applyPending = db.transaction(() => {
    const rows = db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[];
    const applied = new Set(rows.map((row) => row.version));
    const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
  });
  applyPending.immediate();
}

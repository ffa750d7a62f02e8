import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/**
 * Opens the database file with the settings the durability promise rests on: WAL so readers never block
 * the writer, and `synchronous=FULL` so that a commit is on disk (WAL fsynced) before it returns; a `202`
 * is only sent after that.
 */
export function openSqliteDatabase(path: string): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  // The CLI and the server may share the file: wait for the other's write lock instead of failing at once.
  db.pragma("busy_timeout = 5000");
  return db;
}

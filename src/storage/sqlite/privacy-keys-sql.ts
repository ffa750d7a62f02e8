import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";

/**
 * The installation's key for customer hashes: made on first use, the same in every process on the file.
 * The first writer's key wins; every process reads it back.
 */
export function ensureCustomerHashKey(db: Database.Database): string {
  db.prepare(
    `INSERT INTO privacy_keys (name, key, created_at) VALUES ('customer_hash', ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
     ON CONFLICT (name) DO NOTHING`,
  ).run(randomBytes(32).toString("base64url"));
  return db.prepare("SELECT key FROM privacy_keys WHERE name = 'customer_hash'").pluck().get() as string;
}

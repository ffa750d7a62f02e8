import { randomBytes } from "node:crypto";
import type pg from "pg";

/**
 * The installation's key for customer hashes: made on first use, the same in every process on the
 * database. The first writer's key wins; every process reads it back.
 */
export async function ensureCustomerHashKey(db: Pick<pg.ClientBase, "query">): Promise<string> {
  await db.query(
    `INSERT INTO privacy_keys (name, key, created_at) VALUES ('customer_hash', $1, now())
     ON CONFLICT (name) DO NOTHING`,
    [randomBytes(32).toString("base64url")],
  );
  const { rows } = await db.query("SELECT key FROM privacy_keys WHERE name = 'customer_hash'");
  return rows[0].key as string;
}

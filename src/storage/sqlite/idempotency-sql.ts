import type Database from "better-sqlite3";
import type { IdempotencyRecord } from "../store.js";

interface IdempotencyRow {
  key_id: string;
  idempotency_key: string;
  fingerprint: string;
  status_code: number;
  headers: string;
  body: string;
  created_at: string;
  expires_at: string;
}

/** Prepared statements for idempotency records. */
export function createIdempotencyQueries(db: Database.Database) {
  const insert =
    db.prepare(`INSERT INTO idempotency_records (key_id, idempotency_key, fingerprint, status_code,
    headers, body, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const findLive = db.prepare(
    "SELECT * FROM idempotency_records WHERE key_id = ? AND idempotency_key = ? AND expires_at > ?",
  );
  const purge = db.prepare("DELETE FROM idempotency_records WHERE expires_at <= ?");
  const purgeOne = db.prepare(
    "DELETE FROM idempotency_records WHERE key_id = ? AND idempotency_key = ? AND expires_at <= ?",
  );
  return {
    /**
     * The caller holds the transaction; a duplicate (key, idempotency key) throws and fails it. An expired
     * record the purger has not deleted yet is no duplicate: lookups already ignore it, so it gives way.
     */
    insert: (r: IdempotencyRecord) => {
      purgeOne.run(r.keyId, r.idempotencyKey, r.createdAt);
      return insert.run(
        r.keyId,
        r.idempotencyKey,
        r.fingerprint,
        r.statusCode,
        JSON.stringify(r.headers),
        r.body,
        r.createdAt,
        r.expiresAt,
      );
    },
    find(keyId: string, idempotencyKey: string, now: string): IdempotencyRecord | undefined {
      const row = findLive.get(keyId, idempotencyKey, now) as IdempotencyRow | undefined;
      if (!row) return undefined;
      return {
        keyId: row.key_id,
        idempotencyKey: row.idempotency_key,
        fingerprint: row.fingerprint,
        statusCode: row.status_code,
        headers: JSON.parse(row.headers) as Record<string, string>,
        body: row.body,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
    },
    purge: (now: string): number => purge.run(now).changes,
  };
}

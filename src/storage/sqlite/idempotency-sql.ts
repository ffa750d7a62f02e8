import type Database from "better-sqlite3";
import type { IdempotencyRecord } from "../store.js";
import { replayedHeaders } from "../stored-documents.js";

interface IdempotencyRow {
  key_id: string;
  idempotency_key: string;
  fingerprint: string;
  status_code: number;
  headers: string;
  headers_version: number;
  body: string;
  created_at: string;
  expires_at: string;
}

/** Prepared statements for idempotency records. */
export function createIdempotencyQueries(db: Database.Database) {
  const insert =
    db.prepare(`INSERT INTO idempotency_records (key_id, idempotency_key, fingerprint, status_code,
    headers, headers_version, body, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (key_id, idempotency_key) DO NOTHING`);
  const insertCustomer = db.prepare(
    `INSERT INTO idempotency_customers (key_id, idempotency_key, trkref, customer_hash) VALUES (?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const findLive = db.prepare(
    "SELECT * FROM idempotency_records WHERE key_id = ? AND idempotency_key = ? AND expires_at > ?",
  );
  const purge = db.prepare("DELETE FROM idempotency_records WHERE expires_at <= ?");
  const purgeOne = db.prepare(
    "DELETE FROM idempotency_records WHERE key_id = ? AND idempotency_key = ? AND expires_at <= ?",
  );
  return {
    /**
     * Inserts unless a live record has the same (key, idempotency key); says whether it did. The caller
     * holds the transaction. An expired record the purger has not deleted yet gives way: lookups already
     * ignore it.
     */
    insertIfAbsent: (r: IdempotencyRecord): boolean => {
      purgeOne.run(r.keyId, r.idempotencyKey, r.createdAt);
      const result = insert.run(
        r.keyId,
        r.idempotencyKey,
        r.fingerprint,
        r.statusCode,
        JSON.stringify(r.headers),
        replayedHeaders.current,
        r.body,
        r.createdAt,
        r.expiresAt,
      );
      if (result.changes !== 1) return false;
      for (const c of r.customers ?? [])
        insertCustomer.run(r.keyId, r.idempotencyKey, c.trkref, c.customerHash);
      return true;
    },
    find(keyId: string, idempotencyKey: string, now: string): IdempotencyRecord | undefined {
      const row = findLive.get(keyId, idempotencyKey, now) as IdempotencyRow | undefined;
      if (!row) return undefined;
      return {
        keyId: row.key_id,
        idempotencyKey: row.idempotency_key,
        fingerprint: row.fingerprint,
        statusCode: row.status_code,
        headers: replayedHeaders.decode(row.headers_version, row.headers),
        body: row.body,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
    },
    purge: (now: string): number => purge.run(now).changes,
  };
}

import type pg from "pg";
import { type IdempotencyRecord, idempotencyScope } from "../store.js";
import { replayedHeaders } from "../stored-documents.js";
import type { Queryable } from "./organisations-sql.js";

interface IdempotencyRow {
  key_id: string;
  idempotency_key: string;
  fingerprint: string;
  status_code: number;
  headers: unknown;
  headers_version: number;
  body: string;
  created_at: Date;
  expires_at: Date;
}

/**
 * Inserts the group's records unless a live record has the same (key, idempotency key), and returns the
 * scopes it did insert; the caller holds the transaction. When another transaction is inserting the same
 * key, this waits for it and then leaves the record out. An expired record the purger has not deleted yet
 * gives way (lookups already ignore it).
 */
export async function insertIdempotencyRecords(
  client: pg.PoolClient,
  records: IdempotencyRecord[],
): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  // In one order of scopes, so that two groups sharing two keys cannot deadlock.
  records = [...records].sort((a, b) => (idempotencyScope(a) < idempotencyScope(b) ? -1 : 1));
  await client.query(
    `DELETE FROM idempotency_records r USING unnest($1::text[], $2::text[], $3::timestamptz[]) AS n(key_id, k, at)
     WHERE r.key_id = n.key_id AND r.idempotency_key = n.k AND r.expires_at <= n.at`,
    [records.map((r) => r.keyId), records.map((r) => r.idempotencyKey), records.map((r) => r.createdAt)],
  );
  const { rows } = await client.query<{ key_id: string; idempotency_key: string }>(
    `INSERT INTO idempotency_records (key_id, idempotency_key, fingerprint, status_code, headers,
       headers_version, body, created_at, expires_at)
     SELECT key_id, k, fingerprint, status_code, headers, $9, body, created_at, expires_at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::json[], $6::text[],
       $7::timestamptz[], $8::timestamptz[]) AS r(key_id, k, fingerprint, status_code, headers, body, created_at,
       expires_at)
     ON CONFLICT (key_id, idempotency_key) DO NOTHING
     RETURNING key_id, idempotency_key`,
    [
      records.map((r) => r.keyId),
      records.map((r) => r.idempotencyKey),
      records.map((r) => r.fingerprint),
      records.map((r) => r.statusCode),
      records.map((r) => JSON.stringify(r.headers)),
      records.map((r) => r.body),
      records.map((r) => r.createdAt),
      records.map((r) => r.expiresAt),
      replayedHeaders.current,
    ],
  );
  const inserted = new Set(
    rows.map((row) => idempotencyScope({ keyId: row.key_id, idempotencyKey: row.idempotency_key })),
  );
  await insertIdempotencyCustomers(
    client,
    records.filter((r) => inserted.has(idempotencyScope(r))),
  );
  return inserted;
}

/** The customers whose data the records' answers hold, in one statement. */
async function insertIdempotencyCustomers(
  client: pg.PoolClient,
  records: IdempotencyRecord[],
): Promise<void> {
  const rows = records.flatMap((r) =>
    (r.customers ?? []).map((c) => ({ ...c, keyId: r.keyId, key: r.idempotencyKey })),
  );
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO idempotency_customers (key_id, idempotency_key, trkref, customer_hash)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => r.keyId),
      rows.map((r) => r.key),
      rows.map((r) => r.trkref),
      rows.map((r) => r.customerHash),
    ],
  );
}

export async function findIdempotencyRecord(
  db: Queryable,
  keyId: string,
  idempotencyKey: string,
  now: string,
): Promise<IdempotencyRecord | undefined> {
  const { rows } = await db.query<IdempotencyRow>(
    "SELECT * FROM idempotency_records WHERE key_id = $1 AND idempotency_key = $2 AND expires_at > $3",
    [keyId, idempotencyKey, now],
  );
  const row = rows[0];
  return (
    row && {
      keyId: row.key_id,
      idempotencyKey: row.idempotency_key,
      fingerprint: row.fingerprint,
      statusCode: row.status_code,
      headers: replayedHeaders.decode(row.headers_version, row.headers),
      body: row.body,
      createdAt: row.created_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
    }
  );
}

export async function purgeExpiredIdempotencyRecords(db: Queryable, now: string): Promise<number> {
  const result = await db.query("DELETE FROM idempotency_records WHERE expires_at <= $1", [now]);
  return result.rowCount ?? 0;
}

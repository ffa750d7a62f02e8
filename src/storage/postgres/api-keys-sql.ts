import type pg from "pg";
import { type ApiKeyRecord, StoreNotFoundError } from "../store.js";
import { ACCESS_CHANNEL, accessChangePayload } from "./access-changes.js";
import type { Queryable } from "./organisations-sql.js";

interface ApiKeyRow {
  id: string;
  secret_hash: string;
  created_at: Date;
  revoked_at: Date | null;
  trkrefs: string[];
}

const toApiKey = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  secretHash: row.secret_hash,
  trkrefs: [...row.trkrefs].sort(),
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

const SELECT_KEYS = `SELECT k.id, k.secret_hash, k.created_at, k.revoked_at,
    coalesce(array_agg(o.trkref) FILTER (WHERE o.trkref IS NOT NULL), '{}') AS trkrefs
  FROM api_keys k LEFT JOIN api_key_organisations o ON o.key_id = k.id`;

/** Inserts the key and its grants; the caller holds the transaction. */
export async function insertApiKey(
  client: pg.PoolClient,
  input: { id: string; secretHash: string; trkrefs: string[] },
) {
  const trkrefs = [...new Set(input.trkrefs)].sort();
  const { rows } = await client.query<{ trkref: string }>(
    "SELECT trkref FROM organisations WHERE trkref = ANY($1::text[])",
    [trkrefs],
  );
  const missing = trkrefs.filter((trkref) => !rows.some((row) => row.trkref === trkref));
  if (missing.length > 0) throw new StoreNotFoundError(`Organisation ${missing[0]} does not exist`);
  const createdAt = new Date().toISOString();
  await client.query("INSERT INTO api_keys (id, secret_hash, created_at) VALUES ($1, $2, $3)", [
    input.id,
    input.secretHash,
    createdAt,
  ]);
  await client.query("INSERT INTO api_key_organisations (key_id, trkref) SELECT $1, unnest($2::text[])", [
    input.id,
    trkrefs,
  ]);
  return { id: input.id, secretHash: input.secretHash, trkrefs, createdAt, revokedAt: null };
}

export async function findApiKey(db: Queryable, id: string): Promise<ApiKeyRecord | undefined> {
  const { rows } = await db.query<ApiKeyRow>(`${SELECT_KEYS} WHERE k.id = $1 GROUP BY k.id`, [id]);
  return rows[0] && toApiKey(rows[0]);
}

export async function listApiKeys(db: Queryable): Promise<ApiKeyRecord[]> {
  const { rows } = await db.query<ApiKeyRow>(`${SELECT_KEYS} GROUP BY k.id ORDER BY k.created_at, k.id`);
  return rows.map(toApiKey);
}

/** Revokes the key and, in the same statement, announces it to every instance's cache. */
export async function revokeApiKey(db: Queryable, id: string, schema: string): Promise<boolean> {
  const result = await db.query(
    `WITH revoked AS (UPDATE api_keys SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2 RETURNING id)
     SELECT pg_notify($3, $4) FROM revoked`,
    [new Date().toISOString(), id, ACCESS_CHANNEL, accessChangePayload(schema, { apiKey: id })],
  );
  return result.rowCount === 1;
}

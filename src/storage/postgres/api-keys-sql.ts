import type { NewAuditEntry } from "../audit-store.js";
import type { PlanChange } from "../operator-actions.js";
import { type ApiKeyRecord, type ApiKeyUse, StoreNotFoundError } from "../store.js";
import { announce } from "./access-changes.js";
import { insertAuditEntry } from "./audit-sql.js";
import type { Queryable } from "./organisations-sql.js";

interface ApiKeyRow {
  id: string;
  secret_hash: string;
  created_at: Date;
  revoked_at: Date | null;
  label: string | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  previous_secret_hash: string | null;
  previous_secret_valid_until: Date | null;
  trkrefs: string[];
}

const toApiKey = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  secretHash: row.secret_hash,
  trkrefs: [...row.trkrefs].sort(),
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
  label: row.label,
  expiresAt: row.expires_at?.toISOString() ?? null,
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  previousSecretHash: row.previous_secret_hash,
  previousSecretValidUntil: row.previous_secret_valid_until?.toISOString() ?? null,
});

const SELECT_KEYS = `SELECT k.id, k.secret_hash, k.created_at, k.revoked_at, k.label, k.expires_at,
    k.last_used_at, k.previous_secret_hash, k.previous_secret_valid_until,
    coalesce(array_agg(o.trkref) FILTER (WHERE o.trkref IS NOT NULL), '{}') AS trkrefs
  FROM api_keys k LEFT JOIN api_key_organisations o ON o.key_id = k.id`;

/** Inserts the key, its grants and its audit entry; the caller holds the transaction. */
export async function insertApiKey(db: Queryable, key: ApiKeyRecord, entry: NewAuditEntry): Promise<void> {
  const { rows } = await db.query<{ trkref: string }>(
    "SELECT trkref FROM organisations WHERE trkref = ANY($1::text[])",
    [key.trkrefs],
  );
  const missing = key.trkrefs.filter((trkref) => !rows.some((row) => row.trkref === trkref));
  if (missing.length > 0) throw new StoreNotFoundError(`Organisation ${missing[0]} does not exist`);
  await db.query(
    "INSERT INTO api_keys (id, secret_hash, created_at, label, expires_at) VALUES ($1, $2, $3, $4, $5)",
    [key.id, key.secretHash, key.createdAt, key.label, key.expiresAt],
  );
  await db.query("INSERT INTO api_key_organisations (key_id, trkref) SELECT $1, unnest($2::text[])", [
    key.id,
    key.trkrefs,
  ]);
  await insertAuditEntry(db, entry);
}

/**
 * Reads the key locked, writes what `plan` makes of it with its audit entry, and announces the key to every
 * instance's cache at commit; the caller holds the transaction. An action that changes nothing (revoking
 * twice) still announces it: that costs nothing, and lets an operator make sure every cache forgot it.
 */
export async function changeApiKey(
  db: Queryable,
  id: string,
  plan: PlanChange<ApiKeyRecord>,
  schema: string,
): Promise<ApiKeyRecord | undefined> {
  await db.query("SELECT 1 FROM api_keys WHERE id = $1 FOR UPDATE", [id]);
  const current = await findApiKey(db, id);
  const planned = plan(current);
  if (current) await announce(db, schema, { apiKey: id });
  if (!planned) return current;
  const next = planned.next;
  await db.query(
    `UPDATE api_keys SET secret_hash = $1, revoked_at = $2, previous_secret_hash = $3,
       previous_secret_valid_until = $4 WHERE id = $5`,
    [next.secretHash, next.revokedAt, next.previousSecretHash, next.previousSecretValidUntil, id],
  );
  await insertAuditEntry(db, planned.audit);
  return next;
}

export async function findApiKey(db: Queryable, id: string): Promise<ApiKeyRecord | undefined> {
  const { rows } = await db.query<ApiKeyRow>(`${SELECT_KEYS} WHERE k.id = $1 GROUP BY k.id`, [id]);
  return rows[0] && toApiKey(rows[0]);
}

/** Every key in creation order, or only those that may act for `filter.trkref`. */
export async function listApiKeys(db: Queryable, filter: { trkref?: string } = {}): Promise<ApiKeyRecord[]> {
  const { rows } = await db.query<ApiKeyRow>(
    `${SELECT_KEYS}
     WHERE $1::text IS NULL OR k.id IN (SELECT key_id FROM api_key_organisations WHERE trkref = $1)
     GROUP BY k.id ORDER BY k.created_at, k.id`,
    [filter.trkref ?? null],
  );
  return rows.map(toApiKey);
}

/**
 * Records the keys' last uses in one statement, never moving a time back (instances report out of order);
 * no announcement: a key's last use changes nothing a cache holds for authentication.
 */
export async function recordApiKeyUse(db: Queryable, uses: ApiKeyUse[]): Promise<void> {
  if (uses.length === 0) return;
  await db.query(
    `UPDATE api_keys k SET last_used_at = u.used_at
     FROM unnest($1::text[], $2::timestamptz[]) AS u (id, used_at)
     WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.used_at)`,
    [uses.map((use) => use.id), uses.map((use) => use.usedAt)],
  );
}

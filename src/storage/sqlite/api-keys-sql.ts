import type Database from "better-sqlite3";
import type { NewAuditEntry } from "../audit-store.js";
import type { PlanChange } from "../operator-actions.js";
import { type ApiKeyRecord, type ApiKeyUse, StoreNotFoundError } from "../store.js";
import type { createAuditQueries } from "./audit-sql.js";
import { writeTransaction } from "./write-transaction.js";

interface ApiKeyRow {
  id: string;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
  label: string | null;
  expires_at: string | null;
  last_used_at: string | null;
  previous_secret_hash: string | null;
  previous_secret_valid_until: string | null;
  trkrefs: string | null;
}

const toApiKey = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  secretHash: row.secret_hash,
  trkrefs: row.trkrefs ? row.trkrefs.split(",").sort() : [],
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
  label: row.label,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  previousSecretHash: row.previous_secret_hash,
  previousSecretValidUntil: row.previous_secret_valid_until,
});

// A trkref never contains a comma, so group_concat can carry the list in one row.
const SELECT_KEYS = `SELECT k.id, k.secret_hash, k.created_at, k.revoked_at, k.label, k.expires_at,
    k.last_used_at, k.previous_secret_hash, k.previous_secret_valid_until, group_concat(o.trkref) AS trkrefs
  FROM api_keys k LEFT JOIN api_key_organisations o ON o.key_id = k.id`;

/** Prepared statements for API keys and the organisations each may act for. */
export function createApiKeyQueries(db: Database.Database, audit: ReturnType<typeof createAuditQueries>) {
  const insertKey = db.prepare(
    "INSERT INTO api_keys (id, secret_hash, created_at, label, expires_at) VALUES (?, ?, ?, ?, ?)",
  );
  const insertGrant = db.prepare("INSERT INTO api_key_organisations (key_id, trkref) VALUES (?, ?)");
  const orgExists = db.prepare("SELECT 1 FROM organisations WHERE trkref = ?");
  const findOne = db.prepare(`${SELECT_KEYS} WHERE k.id = ? GROUP BY k.id`);
  const listAll = db.prepare(`${SELECT_KEYS} GROUP BY k.id ORDER BY k.created_at, k.id`);
  const listFor = db.prepare(
    `${SELECT_KEYS} WHERE k.id IN (SELECT key_id FROM api_key_organisations WHERE trkref = ?)
     GROUP BY k.id ORDER BY k.created_at, k.id`,
  );
  const updateKey = db.prepare(
    `UPDATE api_keys SET secret_hash = ?, revoked_at = ?, previous_secret_hash = ?,
       previous_secret_valid_until = ? WHERE id = ?`,
  );
  const recordUse = db.prepare(
    "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
  );
  const find = (id: string): ApiKeyRecord | undefined => {
    const row = findOne.get(id) as ApiKeyRow | undefined;
    return row && toApiKey(row);
  };

  const insert = writeTransaction(db, (key: ApiKeyRecord, entry: NewAuditEntry): void => {
    for (const trkref of key.trkrefs) {
      if (!orgExists.get(trkref)) throw new StoreNotFoundError(`Organisation ${trkref} does not exist`);
    }
    insertKey.run(key.id, key.secretHash, key.createdAt, key.label, key.expiresAt);
    for (const trkref of key.trkrefs) insertGrant.run(key.id, trkref);
    audit.insert(entry);
  });
  const change = writeTransaction(db, (id: string, plan: PlanChange<ApiKeyRecord>) => {
    const current = find(id);
    const planned = plan(current);
    if (!planned) return current;
    const next = planned.next;
    updateKey.run(
      next.secretHash,
      next.revokedAt,
      next.previousSecretHash,
      next.previousSecretValidUntil,
      id,
    );
    audit.insert(planned.audit);
    return next;
  });
  const recordUses = writeTransaction(db, (uses: ApiKeyUse[]): void => {
    for (const use of uses) recordUse.run(use.usedAt, use.id, use.usedAt);
  });

  return {
    insert,
    change,
    find,
    list: (filter: { trkref?: string } = {}): ApiKeyRecord[] =>
      ((filter.trkref === undefined ? listAll.all() : listFor.all(filter.trkref)) as ApiKeyRow[]).map(
        toApiKey,
      ),
    recordUses,
  };
}

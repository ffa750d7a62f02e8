import type Database from "better-sqlite3";
import { type ApiKeyRecord, StoreNotFoundError } from "../store.js";

interface ApiKeyRow {
  id: string;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
  trkrefs: string | null;
}

const toApiKey = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  secretHash: row.secret_hash,
  trkrefs: row.trkrefs ? row.trkrefs.split(",").sort() : [],
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

// A trkref never contains a comma, so group_concat can carry the list in one row.
const SELECT_KEYS = `SELECT k.id, k.secret_hash, k.created_at, k.revoked_at, group_concat(o.trkref) AS trkrefs
  FROM api_keys k LEFT JOIN api_key_organisations o ON o.key_id = k.id`;

/** Prepared statements for API keys and the organisations each may act for. */
export function createApiKeyQueries(db: Database.Database) {
  const insertKey = db.prepare("INSERT INTO api_keys (id, secret_hash, created_at) VALUES (?, ?, ?)");
  const insertGrant = db.prepare("INSERT INTO api_key_organisations (key_id, trkref) VALUES (?, ?)");
  const orgExists = db.prepare("SELECT 1 FROM organisations WHERE trkref = ?");
  const findOne = db.prepare(`${SELECT_KEYS} WHERE k.id = ? GROUP BY k.id`);
  const listAll = db.prepare(`${SELECT_KEYS} GROUP BY k.id ORDER BY k.created_at, k.id`);
  const revoke = db.prepare("UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?");

  const create = db.transaction((input: { id: string; secretHash: string; trkrefs: string[] }) => {
    for (const trkref of input.trkrefs) {
      if (!orgExists.get(trkref)) throw new StoreNotFoundError(`Organisation ${trkref} does not exist`);
    }
    const createdAt = new Date().toISOString();
    insertKey.run(input.id, input.secretHash, createdAt);
    for (const trkref of new Set(input.trkrefs)) insertGrant.run(input.id, trkref);
    return createdAt;
  });

  return {
    create(input: { id: string; secretHash: string; trkrefs: string[] }): ApiKeyRecord {
      const createdAt = create.immediate(input);
      const trkrefs = [...new Set(input.trkrefs)].sort();
      return { id: input.id, secretHash: input.secretHash, trkrefs, createdAt, revokedAt: null };
    },
    find(id: string): ApiKeyRecord | undefined {
      const row = findOne.get(id) as ApiKeyRow | undefined;
      return row && toApiKey(row);
    },
    list: (): ApiKeyRecord[] => (listAll.all() as ApiKeyRow[]).map(toApiKey),
    revoke: (id: string): boolean => revoke.run(new Date().toISOString(), id).changes === 1,
  };
}

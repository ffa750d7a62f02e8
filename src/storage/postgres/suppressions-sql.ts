import type pg from "pg";
import type { NewSuppression, SuppressionEntry } from "../privacy-store.js";

/** Adds each entry not already on its organisation's list, in one statement; says how many were new. */
export async function insertSuppressions(
  db: Pick<pg.ClientBase, "query">,
  entries: readonly NewSuppression[],
): Promise<number> {
  if (entries.length === 0) return 0;
  const { rowCount } = await db.query(
    `INSERT INTO suppressions (trkref, customer_hash, reason, created_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
     ON CONFLICT (trkref, customer_hash) DO NOTHING`,
    [
      entries.map((e) => e.trkref),
      entries.map((e) => e.customerHash),
      entries.map((e) => e.reason),
      entries.map((e) => e.createdAt),
    ],
  );
  return rowCount ?? 0;
}

/** An organisation's entries added after `afterSeq`, oldest first (`suppressions_by_seq`). */
export async function listSuppressionsSince(
  db: Pick<pg.ClientBase, "query">,
  trkref: string,
  afterSeq: number,
  limit: number,
): Promise<SuppressionEntry[]> {
  const { rows } = await db.query<SuppressionEntry>(
    `SELECT seq, customer_hash AS "customerHash" FROM suppressions WHERE trkref = $1 AND seq > $2
     ORDER BY seq LIMIT $3`,
    [trkref, afterSeq, limit],
  );
  return rows;
}

/** Which of these hashes are on the organisation's list. */
export async function findSuppressed(
  db: Pick<pg.ClientBase, "query">,
  trkref: string,
  customerHashes: readonly string[],
): Promise<string[]> {
  if (customerHashes.length === 0) return [];
  const { rows } = await db.query<{ customer_hash: string }>(
    "SELECT customer_hash FROM suppressions WHERE trkref = $1 AND customer_hash = ANY($2::text[])",
    [trkref, customerHashes],
  );
  return rows.map((row) => row.customer_hash);
}

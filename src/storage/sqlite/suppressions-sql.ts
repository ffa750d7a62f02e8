import type Database from "better-sqlite3";
import type { NewSuppression, SuppressionEntry } from "../privacy-store.js";

/** Writes to and reads of the suppression lists; the caller holds the transaction when it needs one. */
export function createSuppressionQueries(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO suppressions (trkref, customer_hash, reason, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (trkref, customer_hash) DO NOTHING`,
  );
  const listSince = db.prepare(
    `SELECT seq, customer_hash AS customerHash FROM suppressions WHERE trkref = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const findAmong = db
    .prepare(
      `SELECT customer_hash FROM suppressions
       WHERE trkref = ? AND customer_hash IN (SELECT value FROM json_each(?))`,
    )
    .pluck();
  return {
    /** Adds each entry not already on its organisation's list; says how many were new. */
    insert(entries: readonly NewSuppression[]): number {
      let added = 0;
      for (const e of entries) added += insert.run(e.trkref, e.customerHash, e.reason, e.createdAt).changes;
      return added;
    },
    /** An organisation's entries added after `afterSeq`, oldest first (`suppressions_by_seq`). */
    listSince: (trkref: string, afterSeq: number, limit: number): SuppressionEntry[] =>
      listSince.all(trkref, afterSeq, limit) as SuppressionEntry[],
    /** Which of these hashes are on the organisation's list. */
    findAmong: (trkref: string, customerHashes: readonly string[]): string[] =>
      customerHashes.length === 0 ? [] : (findAmong.all(trkref, JSON.stringify(customerHashes)) as string[]),
  };
}

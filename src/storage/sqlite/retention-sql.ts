import type Database from "better-sqlite3";
import type { OrderToErase } from "../privacy-store.js";
import { writeTransaction } from "./write-transaction.js";

/** The retention sweeps' reads and writes on SQLite: raw documents emptied, orders past their time. */
export function createRetentionQueries(db: Database.Database) {
  // INDEXED BY: the sweep reads settled rows that still hold a raw document, oldest first, from the index
  // made for it, never the whole table; a statement that could not use it fails rather than scan.
  const emptyRaw = db.prepare(
    `UPDATE submissions SET raw = '' WHERE seq IN (
       SELECT seq FROM submissions INDEXED BY submissions_raw_by_processed
       WHERE status <> 'accepted' AND raw <> '' AND processed_at < ? ORDER BY processed_at LIMIT ?)`,
  );
  const ordersUpdatedBefore = db.prepare(
    `SELECT trkref, order_ref AS orderRef FROM orders INDEXED BY orders_by_updated_at
     WHERE updated_at < ? ORDER BY updated_at LIMIT ?`,
  );

  return {
    /** Empties the raw documents of up to `limit` settled submissions processed before the time. */
    removeRawDocuments: writeTransaction(
      db,
      (processedBefore: string, limit: number): number => emptyRaw.run(processedBefore, limit).changes,
    ),
    listOrdersUpdatedBefore: (before: string, limit: number): OrderToErase[] =>
      ordersUpdatedBefore.all(before, limit) as OrderToErase[],
  };
}

import type { OrderToErase } from "../privacy-store.js";
import type { Queryable } from "./organisations-sql.js";

/**
 * Empties the raw documents of up to `limit` settled submissions processed before the time, oldest first,
 * through `submissions_raw_by_processed` (the conditions are its own, so the planner may use it). Rows an
 * erasure holds are skipped rather than waited for: it empties them itself.
 */
export async function removeRawDocuments(
  db: Queryable,
  processedBefore: string,
  limit: number,
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE submissions SET raw = '' WHERE seq IN (
       SELECT seq FROM submissions WHERE status <> 'accepted' AND raw <> '' AND processed_at < $1::timestamptz
       ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [processedBefore, limit],
  );
  return rowCount ?? 0;
}

/** Orders last updated before the time, oldest first, across organisations (`orders_by_updated_at`). */
export async function listOrdersUpdatedBefore(
  db: Queryable,
  before: string,
  limit: number,
): Promise<OrderToErase[]> {
  const { rows } = await db.query<OrderToErase>(
    `SELECT trkref, order_ref AS "orderRef" FROM orders WHERE updated_at < $1::timestamptz
     ORDER BY updated_at LIMIT $2`,
    [before, limit],
  );
  return rows;
}

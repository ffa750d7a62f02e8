import type { NamedOrder } from "../invitation-io.js";
import type { Queryable } from "./organisations-sql.js";

/** First key of the advisory locks that keep two processors off one order; apart from the intake locks. */
export const PROCESSING_LOCK_SPACE = 2;

/**
 * Holds each order against processing (and whatever else takes these locks) until the transaction ends.
 * One statement for the whole batch, its orders in sorted order so that two transactions cannot deadlock.
 */
export async function lockOrdersForProcessing(db: Queryable, named: NamedOrder[]): Promise<void> {
  if (named.length === 0) return;
  await db.query(
    `SELECT pg_advisory_xact_lock($1, k) FROM (
       SELECT DISTINCT hashtext(t || '/' || r) AS k FROM unnest($2::text[], $3::text[]) AS o(t, r) ORDER BY k) AS keys`,
    [PROCESSING_LOCK_SPACE, named.map((c) => c.trkref), named.map((c) => c.order_ref)],
  );
}

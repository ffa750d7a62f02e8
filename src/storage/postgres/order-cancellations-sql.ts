import { orderKey } from "../../domain/apply-submissions-in-order.js";
import type { CancellationReason, OrderCancellation } from "../../domain/invitations.js";
import type { NamedOrder } from "../invitation-io.js";
import type { Queryable } from "./organisations-sql.js";

export interface CancellationColumns {
  trkref: string;
  order_ref: string;
  reason: CancellationReason;
  whole: boolean;
  /** jsonb, parsed by the driver. */
  skus: unknown;
  cancelled_at: Date;
}

const COLUMNS = "trkref, order_ref, reason, whole, skus, cancelled_at FROM order_cancellations";

export const toCancellation = (row: CancellationColumns): OrderCancellation => ({
  trkref: row.trkref,
  orderRef: row.order_ref,
  reason: row.reason,
  whole: row.whole,
  skus: Array.isArray(row.skus) ? row.skus.filter((sku): sku is string => typeof sku === "string") : [],
  cancelledAt: row.cancelled_at.toISOString(),
});

/**
 * The named orders' cancellations, by `orderKey`, in one statement; locked in one order (so that two
 * transactions cannot deadlock on them) until the transaction ends.
 */
export async function findCancellations(
  db: Queryable,
  named: NamedOrder[],
): Promise<Map<string, OrderCancellation>> {
  if (named.length === 0) return new Map();
  const { rows } = await db.query<CancellationColumns>(
    `SELECT ${COLUMNS} WHERE (trkref, order_ref) IN (SELECT * FROM unnest($1::text[], $2::text[]))
     ORDER BY trkref COLLATE "C", order_ref COLLATE "C" FOR UPDATE`,
    [named.map((o) => o.trkref), named.map((o) => o.order_ref)],
  );
  return new Map(rows.map((row) => [orderKey(row), toCancellation(row)]));
}

/** Writes the cancellation whole: inserted, or replacing the order's. */
export async function saveCancellation(db: Queryable, cancellation: OrderCancellation): Promise<void> {
  await db.query(
    `INSERT INTO order_cancellations (trkref, order_ref, reason, whole, skus, cancelled_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6)
     ON CONFLICT (trkref, order_ref) DO UPDATE SET reason = excluded.reason, whole = excluded.whole,
       skus = excluded.skus, cancelled_at = excluded.cancelled_at`,
    [
      cancellation.trkref,
      cancellation.orderRef,
      cancellation.reason,
      cancellation.whole,
      JSON.stringify(cancellation.skus),
      cancellation.cancelledAt,
    ],
  );
}

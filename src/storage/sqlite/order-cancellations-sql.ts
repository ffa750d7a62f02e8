import type Database from "better-sqlite3";
import type { CancellationReason, OrderCancellation } from "../../domain/invitations.js";

/** A row of the order_cancellations table as SQLite returns it. */
interface CancellationColumns {
  trkref: string;
  order_ref: string;
  reason: CancellationReason;
  whole: number;
  /** JSON: the SKUs cancelled. */
  skus: string;
  cancelled_at: string;
}

const toCancellation = (row: CancellationColumns): OrderCancellation => ({
  trkref: row.trkref,
  orderRef: row.order_ref,
  reason: row.reason,
  whole: row.whole === 1,
  skus: JSON.parse(row.skus) as string[],
  cancelledAt: row.cancelled_at,
});

/** Reads and writes of the orders' cancellations; the caller holds the transaction when it needs one. */
export function createOrderCancellationQueries(db: Database.Database) {
  const find = db.prepare(
    `SELECT trkref, order_ref, reason, whole, skus, cancelled_at FROM order_cancellations
       WHERE trkref = ? AND order_ref = ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO order_cancellations (trkref, order_ref, reason, whole, skus, cancelled_at)
     VALUES (@trkref, @orderRef, @reason, @whole, @skus, @cancelledAt)
     ON CONFLICT (trkref, order_ref) DO UPDATE SET reason = excluded.reason, whole = excluded.whole,
       skus = excluded.skus, cancelled_at = excluded.cancelled_at`,
  );
  return {
    find(trkref: string, orderRef: string): OrderCancellation | undefined {
      const row = find.get(trkref, orderRef) as CancellationColumns | undefined;
      return row && toCancellation(row);
    },
    /** Writes the order's cancellation whole: inserted, or replacing the one it had. */
    save(cancellation: OrderCancellation): void {
      upsert.run({
        trkref: cancellation.trkref,
        orderRef: cancellation.orderRef,
        reason: cancellation.reason,
        whole: cancellation.whole ? 1 : 0,
        skus: JSON.stringify(cancellation.skus),
        cancelledAt: cancellation.cancelledAt,
      });
    },
  };
}

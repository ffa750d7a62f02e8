import { orderKey } from "../../domain/apply-submissions-in-order.js";
import type { NormalisedOrder } from "../../domain/normalised-order.js";
import type { NamedOrder } from "../invitation-io.js";
import { orderFromColumns } from "../order-columns.js";
import { lockOrdersForProcessing } from "./order-locks-sql.js";
import { type OrderRow, SELECT_ORDERS } from "./orders-sql.js";
import type { Queryable } from "./organisations-sql.js";

/** The named orders as stored, by `orderKey`, with whether each is kept without its customer's data. */
export async function findOrdersOf(
  db: Queryable,
  named: NamedOrder[],
): Promise<Map<string, { order: NormalisedOrder; suppressed: boolean }>> {
  if (named.length === 0) return new Map();
  const { rows } = await db.query<OrderRow>(
    `${SELECT_ORDERS} JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[])) AS k(trkref, order_ref)
       ON o.trkref = k.trkref AND o.order_ref = k.order_ref`,
    [named.map((o) => o.trkref), named.map((o) => o.order_ref)],
  );
  return new Map(
    rows.map((row) => [
      orderKey(row),
      { order: orderFromColumns(row, row.items), suppressed: row.suppressed },
    ]),
  );
}

/**
 * Takes the processing claim's own lock on the order, then reads (in a snapshot taken after the lock, so
 * that what a processor held is seen as it committed it) whether the order is stored and whether a
 * submission of it still waits (`submissions_pending_by_order`).
 */
export async function lockOrder(
  db: Queryable,
  order: NamedOrder,
): Promise<{ exists: boolean; pending: boolean }> {
  await lockOrdersForProcessing(db, [order]);
  const { rows } = await db.query<{ exists: boolean; pending: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM orders WHERE trkref = $1 AND order_ref = $2) AS exists,
       EXISTS (SELECT 1 FROM submissions WHERE status = 'accepted' AND trkref = $1 AND order_ref = $2) AS pending`,
    [order.trkref, order.order_ref],
  );
  return rows[0] ?? { exists: false, pending: false };
}

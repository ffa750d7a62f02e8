import { orderKey } from "../../domain/apply-submissions-in-order.js";
import type { NormalisedOrder } from "../../domain/normalised-order.js";
import { type ItemColumns, type OrderColumns, orderFromColumns } from "../order-columns.js";
import type { StoredOrder } from "../store.js";
import type { Queryable } from "./organisations-sql.js";

/** A row of the orders table, with its items. */
export interface OrderRow extends OrderColumns {
  created_at: Date;
  updated_at: Date;
  last_submission_id: string;
  suppressed: boolean;
  items: ItemColumns[];
}

// numeric is read back as text (`::text`), so that "10.50" keeps its scale exactly as it was stored.
export const SELECT_ORDERS = `SELECT o.*, coalesce((SELECT json_agg(json_build_object('sku', i.sku, 'price', i.price::text,
    'currency', i.currency, 'metadata', i.metadata) ORDER BY i.position)
    FROM order_items i WHERE i.trkref = o.trkref AND i.order_ref = o.order_ref), '[]') AS items
  FROM orders o`;

/** An order row, read with SELECT_ORDERS, as the stored order. */
export const toStoredOrder = (row: OrderRow): StoredOrder => ({
  order: orderFromColumns(row, row.items),
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  lastSubmissionId: row.last_submission_id,
  suppressed: row.suppressed,
});

export async function findOrder(
  db: Queryable,
  trkref: string,
  orderRef: string,
): Promise<StoredOrder | undefined> {
  const { rows } = await db.query<OrderRow>(`${SELECT_ORDERS} WHERE o.trkref = $1 AND o.order_ref = $2`, [
    trkref,
    orderRef,
  ]);
  return rows[0] && toStoredOrder(rows[0]);
}

/** The stored orders among those named, by `orderKey`; one statement however many are named. */
export async function findOrders(
  db: Queryable,
  named: { trkref: string; order_ref: string }[],
): Promise<Map<string, NormalisedOrder>> {
  const { rows } = await db.query<OrderRow>(
    `${SELECT_ORDERS} JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[])) AS k(trkref, order_ref)
       ON o.trkref = k.trkref AND o.order_ref = k.order_ref`,
    [named.map((o) => o.trkref), named.map((o) => o.order_ref)],
  );
  return new Map(rows.map((row) => [orderKey(row), orderFromColumns(row, row.items)]));
}

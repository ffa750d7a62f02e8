import { keysetSql } from "../list-direction.js";
import type { OrderListQuery, StoredOrder } from "../store.js";
import { type OrderRow, SELECT_ORDERS, toStoredOrder } from "./orders-sql.js";
import type { Queryable } from "./organisations-sql.js";

const TIME_COLUMN = { created: "o.created_at", updated: "o.updated_at" } as const;
// As the listing indexes order it, whatever the database's collation: SQLite's order, code unit by code unit.
const ORDER_REF = 'o.order_ref COLLATE "C"';

/** Up to `query.limit` orders of one organisation, one keyset range of one index (`OrderStore.listOrders`). */
export async function listOrders(db: Queryable, query: OrderListQuery): Promise<StoredOrder[]> {
  const time = TIME_COLUMN[query.sortedBy];
  const { after, order } = keysetSql(query.direction);
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  const conditions = [`o.trkref = ${param(query.trkref)}`];
  if (query.createdAfter !== undefined) {
    conditions.push(`o.created_at > ${param(query.createdAfter)}::timestamptz`);
  }
  if (query.updatedAfter !== undefined) {
    conditions.push(`o.updated_at > ${param(query.updatedAfter)}::timestamptz`);
  }
  if (query.after !== undefined) {
    const { at, orderRef } = query.after;
    conditions.push(`(${time}, ${ORDER_REF}) ${after} (${param(at)}::timestamptz, ${param(orderRef)})`);
  }
  const { rows } = await db.query<OrderRow>(
    `${SELECT_ORDERS} WHERE ${conditions.join(" AND ")}
     ORDER BY ${time} ${order}, ${ORDER_REF} ${order} LIMIT ${param(query.limit)}`,
    values,
  );
  return rows.map(toStoredOrder);
}

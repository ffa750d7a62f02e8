import type pg from "pg";
import type { NormalisedOrder } from "../../domain/normalised-order.js";
import {
  type ItemColumns,
  ORDER_COLUMN_NAMES,
  type OrderColumns,
  orderFromColumns,
  orderToColumns,
} from "../order-columns.js";
import type { StoredOrder } from "../store.js";
import type { Queryable } from "./organisations-sql.js";

interface OrderRow extends OrderColumns {
  created_at: Date;
  updated_at: Date;
  last_submission_id: string;
  items: ItemColumns[];
}

// numeric is read back as text (`::text`), so that "10.50" keeps its scale exactly as it was stored.
const SELECT_ORDER = `SELECT o.*, coalesce((SELECT json_agg(json_build_object('sku', i.sku, 'price', i.price::text,
    'currency', i.currency, 'metadata', i.metadata) ORDER BY i.position)
    FROM order_items i WHERE i.trkref = o.trkref AND i.order_ref = o.order_ref), '[]') AS items
  FROM orders o WHERE o.trkref = $1 AND o.order_ref = $2`;

export async function findOrder(
  db: Queryable,
  trkref: string,
  orderRef: string,
): Promise<StoredOrder | undefined> {
  const { rows } = await db.query<OrderRow>(SELECT_ORDER, [trkref, orderRef]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    order: orderFromColumns(row, row.items),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastSubmissionId: row.last_submission_id,
  };
}

/** Writes the order and replaces its items; the caller holds the transaction. */
export async function saveOrder(
  client: pg.PoolClient,
  order: NormalisedOrder,
  submissionId: string,
  now: string,
) {
  const columns = orderToColumns(order);
  await client.query(
    `INSERT INTO orders (trkref, order_ref, order_date, fulfilment_date, language, locale, customer_email,
       customer_ref, customer_title, customer_first_name, customer_surname, customer_postcode, customer_country,
       created_at, updated_at, last_submission_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)
     ON CONFLICT (trkref, order_ref) DO UPDATE SET order_date = excluded.order_date,
       fulfilment_date = excluded.fulfilment_date, language = excluded.language, locale = excluded.locale,
       customer_email = excluded.customer_email, customer_ref = excluded.customer_ref,
       customer_title = excluded.customer_title, customer_first_name = excluded.customer_first_name,
       customer_surname = excluded.customer_surname, customer_postcode = excluded.customer_postcode,
       customer_country = excluded.customer_country, updated_at = excluded.updated_at,
       last_submission_id = excluded.last_submission_id`,
    [...ORDER_COLUMN_NAMES.map((name) => columns[name]), now, submissionId],
  );
  const items = order.order_items;
  await client.query("DELETE FROM order_items WHERE trkref = $1 AND order_ref = $2", [
    order.trkref,
    order.order_ref,
  ]);
  await client.query(
    `INSERT INTO order_items (trkref, order_ref, position, sku, price, currency, metadata)
     SELECT $1, $2, position - 1, sku, price, currency, metadata
     FROM unnest($3::text[], $4::numeric[], $5::text[], $6::json[]) WITH ORDINALITY
       AS i(sku, price, currency, metadata, position)`,
    [
      order.trkref,
      order.order_ref,
      items.map((item) => item.sku),
      items.map((item) => item.price ?? null),
      items.map((item) => item.currency ?? null),
      items.map((item) => (item.metadata === undefined ? null : JSON.stringify(item.metadata))),
    ],
  );
}

import type pg from "pg";
import { ORDER_COLUMN_NAMES, orderToColumns } from "../order-columns.js";
import type { OrderToSave } from "../processing-io.js";

const DATE_COLUMNS = new Set<string>(["order_date", "fulfilment_date"]);

// Generated from the one list of order columns, so that the statement and the parameters cannot drift.
const columnList = ORDER_COLUMN_NAMES.join(", ");
const columnArrays = ORDER_COLUMN_NAMES.map(
  (name, index) => `$${index + 1}::${DATE_COLUMNS.has(name) ? "date" : "text"}[]`,
).join(", ");
const [, , ...replacedColumns] = ORDER_COLUMN_NAMES; // all but the key (trkref, order_ref)
const AT = ORDER_COLUMN_NAMES.length + 1;
const LAST_SUBMISSION = ORDER_COLUMN_NAMES.length + 2;
const CUSTOMER_HASH = ORDER_COLUMN_NAMES.length + 3;
const CUSTOMER_REF_HASH = ORDER_COLUMN_NAMES.length + 4;
const SUPPRESSED = ORDER_COLUMN_NAMES.length + 5;

// Written beside the order's own columns: how the order is found (its customer's hashes), and whether it
// is kept without its customer's data.
const PRIVACY_COLUMNS = "customer_hash, customer_ref_hash, suppressed";

const UPSERT_ORDERS = `INSERT INTO orders (${columnList}, created_at, updated_at, last_submission_id,
    ${PRIVACY_COLUMNS})
  SELECT ${columnList}, $${AT}, $${AT}, last_submission_id, ${PRIVACY_COLUMNS}
  FROM unnest(${columnArrays}, $${LAST_SUBMISSION}::uuid[], $${CUSTOMER_HASH}::text[],
    $${CUSTOMER_REF_HASH}::text[], $${SUPPRESSED}::boolean[])
    AS o(${columnList}, last_submission_id, ${PRIVACY_COLUMNS})
  ON CONFLICT (trkref, order_ref) DO UPDATE SET
    ${replacedColumns.map((name) => `${name} = excluded.${name}`).join(", ")},
    updated_at = excluded.updated_at, last_submission_id = excluded.last_submission_id,
    customer_hash = excluded.customer_hash, customer_ref_hash = excluded.customer_ref_hash,
    suppressed = excluded.suppressed`;

/**
 * Writes each order (created or replaced, its creation time kept) and replaces its items: at most three
 * statements for any number of orders, the caller holding the transaction. Each order appears once in
 * `changed`.
 */
export async function saveOrders(client: pg.PoolClient, changed: OrderToSave[], now: string): Promise<void> {
  if (changed.length === 0) return;
  const rows = changed.map(({ order }) => orderToColumns(order));
  await client.query(UPSERT_ORDERS, [
    ...ORDER_COLUMN_NAMES.map((name) => rows.map((row) => row[name])),
    now,
    changed.map((c) => c.lastSubmissionId),
    changed.map((c) => c.customerHash),
    changed.map((c) => c.customerRefHash),
    changed.map((c) => c.suppressed),
  ]);
  // A new order has no items yet: its row did not exist when it was read, and no other processor can write
  // it meanwhile (the processing lock), so only the replaced orders' items are deleted.
  const replaced = changed.filter((c) => c.wasStored);
  if (replaced.length > 0) {
    await client.query(
      `DELETE FROM order_items i USING unnest($1::text[], $2::text[]) AS k(trkref, order_ref)
       WHERE i.trkref = k.trkref AND i.order_ref = k.order_ref`,
      [replaced.map((c) => c.order.trkref), replaced.map((c) => c.order.order_ref)],
    );
  }
  const items = changed.flatMap(({ order }) =>
    order.order_items.map((item, position) => ({ order, item, position })),
  );
  if (items.length === 0) return;
  await client.query(
    `INSERT INTO order_items (trkref, order_ref, position, sku, price, currency, metadata)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::numeric[], $6::text[], $7::json[])`,
    [
      items.map((i) => i.order.trkref),
      items.map((i) => i.order.order_ref),
      items.map((i) => i.position),
      items.map((i) => i.item.sku),
      items.map((i) => i.item.price ?? null),
      items.map((i) => i.item.currency ?? null),
      items.map((i) => (i.item.metadata === undefined ? null : JSON.stringify(i.item.metadata))),
    ],
  );
}

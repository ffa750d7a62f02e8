import type Database from "better-sqlite3";
import { type ItemColumns, type OrderColumns, orderFromColumns, orderToColumns } from "../order-columns.js";
import type { OrderToSave } from "../processing-io.js";
import type { StoredOrder } from "../store.js";

/** A row of the orders table. */
export interface OrderRow extends OrderColumns {
  created_at: string;
  updated_at: string;
  last_submission_id: string;
  suppressed: number;
}

interface ItemRow extends Omit<ItemColumns, "metadata"> {
  metadata: string | null;
}

const parseItem = (row: ItemRow): ItemColumns => ({
  ...row,
  metadata: row.metadata === null ? null : JSON.parse(row.metadata),
});

/** Reads an order row back as the stored order, with its items. */
export function createStoredOrderReader(db: Database.Database): (row: OrderRow) => StoredOrder {
  const findItems = db.prepare(
    "SELECT sku, price, currency, metadata FROM order_items WHERE trkref = ? AND order_ref = ? ORDER BY position",
  );
  return (row) => {
    const items = findItems.all(row.trkref, row.order_ref) as ItemRow[];
    return {
      order: orderFromColumns(row, items.map(parseItem)),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      lastSubmissionId: row.last_submission_id,
      suppressed: row.suppressed === 1,
    };
  };
}

/** Prepared statements for order records: one row per order, its items in order_items. */
export function createOrderQueries(db: Database.Database) {
  const findOrder = db.prepare("SELECT * FROM orders WHERE trkref = ? AND order_ref = ?");
  const toStoredOrder = createStoredOrderReader(db);
  const upsertOrder =
    db.prepare(`INSERT INTO orders (trkref, order_ref, order_date, fulfilment_date, language,
      locale, customer_email, customer_ref, customer_title, customer_first_name, customer_surname,
      customer_postcode, customer_country, created_at, updated_at, last_submission_id, customer_hash,
      customer_ref_hash, suppressed)
    VALUES (@trkref, @order_ref, @order_date, @fulfilment_date, @language, @locale, @customer_email,
      @customer_ref, @customer_title, @customer_first_name, @customer_surname, @customer_postcode,
      @customer_country, @now, @now, @submission_id, @customer_hash, @customer_ref_hash, @suppressed)
    ON CONFLICT (trkref, order_ref) DO UPDATE SET order_date = excluded.order_date,
      fulfilment_date = excluded.fulfilment_date, language = excluded.language, locale = excluded.locale,
      customer_email = excluded.customer_email, customer_ref = excluded.customer_ref,
      customer_title = excluded.customer_title, customer_first_name = excluded.customer_first_name,
      customer_surname = excluded.customer_surname, customer_postcode = excluded.customer_postcode,
      customer_country = excluded.customer_country, updated_at = excluded.updated_at,
      last_submission_id = excluded.last_submission_id, customer_hash = excluded.customer_hash,
      customer_ref_hash = excluded.customer_ref_hash, suppressed = excluded.suppressed`);
  const deleteItems = db.prepare("DELETE FROM order_items WHERE trkref = ? AND order_ref = ?");
  const insertItem = db.prepare(`INSERT INTO order_items (trkref, order_ref, position, sku, price, currency,
    metadata) VALUES (?, ?, ?, ?, ?, ?, ?)`);

  return {
    find(trkref: string, orderRef: string): StoredOrder | undefined {
      const row = findOrder.get(trkref, orderRef) as OrderRow | undefined;
      return row && toStoredOrder(row);
    },
    /** Writes the order and replaces its items; the caller holds the transaction. */
    save(saved: OrderToSave, now: string): void {
      const { order } = saved;
      upsertOrder.run({
        ...orderToColumns(order),
        now,
        submission_id: saved.lastSubmissionId,
        customer_hash: saved.customerHash,
        customer_ref_hash: saved.customerRefHash,
        suppressed: saved.suppressed ? 1 : 0,
      });
      deleteItems.run(order.trkref, order.order_ref);
      order.order_items.forEach((item, position) => {
        const metadata = item.metadata === undefined ? null : JSON.stringify(item.metadata);
        insertItem.run(
          order.trkref,
          order.order_ref,
          position,
          item.sku,
          item.price ?? null,
          item.currency ?? null,
          metadata,
        );
      });
    },
  };
}

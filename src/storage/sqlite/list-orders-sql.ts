import type Database from "better-sqlite3";
import { keysetSql } from "../list-direction.js";
import type { OrderListQuery, StoredOrder } from "../store.js";
import { createStoredOrderReader, type OrderRow } from "./orders-sql.js";
import { createStatementCache } from "./statement-cache.js";

const TIME_COLUMN = { created: "created_at", updated: "updated_at" } as const;

/** The statement of one shape of query: which filters it has, what it is sorted by, which way. */
function listOrdersSql(query: OrderListQuery): string {
  const time = TIME_COLUMN[query.sortedBy];
  const { after, order } = keysetSql(query.direction);
  const conditions = [
    "trkref = @trkref",
    ...(query.createdAfter === undefined ? [] : ["created_at > @createdAfter"]),
    ...(query.updatedAfter === undefined ? [] : ["updated_at > @updatedAfter"]),
    // A row value, so that the index on (trkref, time, order_ref) is read from the position on.
    ...(query.after === undefined ? [] : [`(${time}, order_ref) ${after} (@afterAt, @afterRef)`]),
  ];
  return `SELECT * FROM orders WHERE ${conditions.join(" AND ")}
    ORDER BY ${time} ${order}, order_ref ${order} LIMIT @limit`;
}

/** Lists an organisation's orders, a page at a time: `OrderStore.listOrders`. */
export function createOrderListing(db: Database.Database): (query: OrderListQuery) => StoredOrder[] {
  const toStoredOrder = createStoredOrderReader(db);
  // One statement per shape of query: at most 32 of them (two sort keys, two directions, three options).
  const prepare = createStatementCache(db);
  return (query) => {
    const rows = prepare(listOrdersSql(query)).all({
      trkref: query.trkref,
      createdAfter: query.createdAfter,
      updatedAfter: query.updatedAfter,
      afterAt: query.after?.at,
      afterRef: query.after?.orderRef,
      limit: query.limit,
    }) as OrderRow[];
    return rows.map(toStoredOrder);
  };
}

import { MAX_REF_LENGTH } from "../../domain/order-limits.js";
import type { OrderListQuery, OrderPosition, Store, SubmissionRecord } from "../../storage/store.js";
import { toOrderBody } from "../order-body.js";
import { PAGE_PARAMETERS, type Page, readCursorPosition, readPage, readPageRequest } from "./page.js";
import { createQueryReader } from "./query-reader.js";
import { parseTimestamp, readTimestamp } from "./timestamp-parameter.js";

const ORDER_LIST_PARAMETERS = ["created_after", "updated_after", ...PAGE_PARAMETERS];

/** A cursor's position in a listing of orders: a time in the stored form, and an order_ref a row can hold. */
function parseOrderPosition(position: unknown[]): OrderPosition | undefined {
  const [at, orderRef] = position;
  if (position.length !== 2 || typeof at !== "string" || parseTimestamp(at) !== at) return undefined;
  const storable =
    typeof orderRef === "string" &&
    orderRef.length <= 2 * MAX_REF_LENGTH &&
    !orderRef.includes("\u0000") &&
    orderRef.isWellFormed();
  return storable ? { at, orderRef } : undefined;
}

/**
 * Oldest first, both the filter on the time the listing is sorted by and the cursor bound it from below,
 * and SQLite reads its index from only one of two such bounds (filtering by the other). The later of the
 * two alone selects the same rows, so only it is kept.
 */
function withOneLowerBound(query: OrderListQuery): OrderListQuery {
  const filter = query.sortedBy === "created" ? "createdAfter" : "updatedAfter";
  const bound = query[filter];
  if (query.direction === "descending" || query.after === undefined || bound === undefined) return query;
  if (query.after.at > bound) return { ...query, [filter]: undefined };
  return { ...query, after: undefined };
}

/** An order listing's page, as `GET /v4/organisations/{trkref}/customer_orders` answers it. */
export type OrderPage = Page<ReturnType<typeof toOrderBody>>;

/**
 * One page of an organisation's orders, read from the request's query (400 `invalid_query` for anything
 * wrong in it): created, or with `updated_after` last updated, newest first unless told; then by order_ref.
 */
export async function readOrderPage(
  store: Pick<Store, "listOrders" | "listSubmissionsForOrders">,
  trkref: string,
  query: unknown,
): Promise<OrderPage> {
  const reader = createQueryReader(query, ORDER_LIST_PARAMETERS);
  const createdAfter = readTimestamp(reader, "created_after");
  const updatedAfter = readTimestamp(reader, "updated_after");
  const page = readPageRequest(reader);
  // A client that asks what changed pages through the changes: each page is one range of one index.
  const sortedBy = updatedAfter === undefined ? "created" : "updated";
  const listing = ["orders", trkref, sortedBy, page.order, createdAfter ?? null, updatedAfter ?? null];
  const after = readCursorPosition(reader, page.cursor, listing, parseOrderPosition);
  reader.finish();
  const listQuery = withOneLowerBound({
    trkref,
    sortedBy,
    direction: page.direction,
    createdAfter,
    updatedAfter,
    after,
    limit: page.limit,
  });
  const { rows, next } = await readPage({
    limit: page.limit,
    listing,
    read: (limit) => store.listOrders({ ...listQuery, limit }),
    positionOf: (stored) => [
      sortedBy === "created" ? stored.createdAt : stored.updatedAt,
      stored.order.order_ref,
    ],
  });
  const submissions = await store.listSubmissionsForOrders(
    trkref,
    rows.map((stored) => stored.order.order_ref),
  );
  const byOrder = new Map<string, SubmissionRecord[]>();
  for (const submission of submissions) {
    const group = byOrder.get(submission.orderRef);
    if (group) group.push(submission);
    else byOrder.set(submission.orderRef, [submission]);
  }
  return { data: rows.map((stored) => toOrderBody(stored, byOrder.get(stored.order.order_ref) ?? [])), next };
}

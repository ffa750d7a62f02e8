import type { NormalisedOrder } from "../domain/normalised-order.js";
import type { ListDirection } from "./list-direction.js";

/** The organisation's order as it stands after every processed submission for it. */
export interface StoredOrder {
  order: NormalisedOrder;
  createdAt: string;
  updatedAt: string;
  lastSubmissionId: string;
  /** Kept without its customer's data: the submission that last changed it was of a suppressed customer. */
  suppressed: boolean;
}

/** Where an order stands in a listing: the time the listing is sorted by, then its order_ref. */
export interface OrderPosition {
  at: string;
  orderRef: string;
}

/** Which of an organisation's orders `listOrders` reads, in which order, from where. */
export interface OrderListQuery {
  trkref: string;
  /** The time the orders are sorted by; ties are broken by order_ref, compared code unit by code unit. */
  sortedBy: "created" | "updated";
  direction: ListDirection;
  /** Only orders created strictly after this instant (ISO 8601 in UTC, with milliseconds). */
  createdAfter?: string;
  /** Only orders last updated strictly after this instant (ISO 8601 in UTC, with milliseconds). */
  updatedAfter?: string;
  /** Only orders that come after this position in the listing's order. */
  after?: OrderPosition;
  limit: number;
}

/** The organisations' orders, as processing left them; processing writes them (`ProcessingStore`). */
export interface OrderStore {
  findOrder(trkref: string, orderRef: string): Promise<StoredOrder | undefined>;
  /** Up to `limit` orders of one organisation, in the query's order: one keyset range of one index. */
  listOrders(query: OrderListQuery): Promise<StoredOrder[]>;
}

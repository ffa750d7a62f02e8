import type { NormalisedOrder } from "../domain/normalised-order.js";

/** The organisation's order as it stands after every processed submission for it. */
export interface StoredOrder {
  order: NormalisedOrder;
  createdAt: string;
  updatedAt: string;
  lastSubmissionId: string;
}

/** The organisations' orders, as processing left them; processing writes them (`ProcessingStore`). */
export interface OrderStore {
  findOrder(trkref: string, orderRef: string): Promise<StoredOrder | undefined>;
}

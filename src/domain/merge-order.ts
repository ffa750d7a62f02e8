import { isDeepStrictEqual } from "node:util";
import type { NormalisedOrder } from "./normalised-order.js";

/** How a submission changes the order it names. */
export type MergeOutcome = "created" | "updated" | "duplicate";

/**
 * Applies a submission to the order as it stands. A field the submission sends replaces the stored one; a
 * field it leaves out keeps its stored value (so a later submission may add just the fulfilment date);
 * the items are the submission's, as a list of items cannot be merged without an item key. A merge whose
 * fulfilment date would fall before its order date fails: each document was valid alone, the pair is not.
 */
export function mergeOrder(
  existing: NormalisedOrder | undefined,
  incoming: NormalisedOrder,
): { outcome: MergeOutcome; order: NormalisedOrder } | { outcome: "failed"; reason: string } {
  if (!existing) return { outcome: "created", order: incoming };
  const order: NormalisedOrder = {
    ...existing,
    ...incoming,
    customer: { ...existing.customer, ...incoming.customer },
    order_items: incoming.order_items,
  };
  const { order_date: ordered, fulfilment_date: fulfilled } = order;
  if (ordered !== undefined && fulfilled !== undefined && fulfilled < ordered) {
    const reason = `fulfilment_date ${fulfilled} would fall before the order's order_date ${ordered}`;
    return { outcome: "failed", reason };
  }
  return { outcome: isDeepStrictEqual(order, existing) ? "duplicate" : "updated", order };
}

import { isDeepStrictEqual } from "node:util";
import type { NormalisedOrder } from "./normalised-order.js";

/** How a submission changes the order it names. */
export type SubmissionOutcome = "created" | "updated" | "duplicate";

/**
 * Applies a submission to the order as it stands. A submission is the whole order as the merchant now knows
 * it, as in the original v4 API: it replaces the stored order, so a field it leaves out is gone and its items
 * are the order's items. Each document is valid on its own, so applying one cannot fail; an unchanged order
 * is a duplicate, compared by value whatever the order of its keys.
 */
export function applySubmission(
  existing: NormalisedOrder | undefined,
  incoming: NormalisedOrder,
): { outcome: SubmissionOutcome; order: NormalisedOrder } {
  if (!existing) return { outcome: "created", order: incoming };
  return { outcome: isDeepStrictEqual(incoming, existing) ? "duplicate" : "updated", order: incoming };
}

import equal from "fast-deep-equal";
import type { NormalisedOrder } from "./normalised-order.js";

/** How a submission changes the order it names. */
export type SubmissionOutcome = "created" | "updated" | "duplicate";

/**
 * Applies a submission to the order as it stands. A submission is the whole order as the merchant now knows
 * it, as in the original v4 API: it replaces the stored order, so a field it leaves out is gone and its items
 * are the order's items. Each document is valid on its own, so applying one cannot fail; an unchanged order
 * is a duplicate, compared by value whatever the order of its keys (by fast-deep-equal, made for plain data
 * such as these: a third of the cost of Node's isDeepStrictEqual, which checks what JSON cannot hold).
 */
export function applySubmission(
  existing: NormalisedOrder | undefined,
  incoming: NormalisedOrder,
): { outcome: SubmissionOutcome; order: NormalisedOrder } {
  if (!existing) return { outcome: "created", order: incoming };
  return { outcome: equal(incoming, existing) ? "duplicate" : "updated", order: incoming };
}

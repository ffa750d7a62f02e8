import { applySubmission, type SubmissionOutcome } from "./apply-submission.js";
import type { NormalisedOrder } from "./normalised-order.js";
import type { OrderChange } from "./order-events.js";

/** One submission to apply: its id and the order document it carries. */
export interface SubmissionToApply {
  id: string;
  order: NormalisedOrder;
}

/** An order as it stands after a run of submissions, and the submission that last changed it. */
export interface ChangedOrder {
  order: NormalisedOrder;
  lastSubmissionId: string;
  /** Whether the order was stored before the run: a new one has nothing of its own to replace. */
  wasStored: boolean;
}

/** The one key naming an order: its trkref and order ref (a NUL occurs in neither). */
export const orderKey = (order: { trkref: string; order_ref: string }) =>
  `${order.trkref}\u0000${order.order_ref}`;

/**
 * Applies submissions one after another, in the order given, each to the order as the ones before it left
 * it: exactly what applying and storing them one at a time would do, without writing in between. `stored`
 * holds the orders as they stand before the first (by `orderKey`). Returns each submission's outcome, in
 * the order given, each order that changed, once, as its last non-duplicate submission left it, and each
 * change one by one (what each non-duplicate submission found and left), in the order given.
 */
export function applySubmissionsInOrder(
  stored: ReadonlyMap<string, NormalisedOrder>,
  submissions: readonly SubmissionToApply[],
): { outcomes: SubmissionOutcome[]; changed: ChangedOrder[]; changes: OrderChange[] } {
  const current = new Map(stored);
  const changed = new Map<string, ChangedOrder>();
  const changes: OrderChange[] = [];
  const outcomes = submissions.map(({ id, order }) => {
    const key = orderKey(order);
    const decision = applySubmission(current.get(key), order);
    if (decision.outcome !== "duplicate") {
      changes.push({ submissionId: id, before: current.get(key), after: decision.order });
      current.set(key, decision.order);
      changed.set(key, { order: decision.order, lastSubmissionId: id, wasStored: stored.has(key) });
    }
    return decision.outcome;
  });
  return { outcomes, changed: [...changed.values()], changes };
}

import {
  type IntakeCommitOutcome,
  type IntakeWrite,
  idempotencyScope,
  type NewBatch,
  type NewSubmission,
} from "./store.js";

/** What a group commit writes after its idempotency records: the batches and submissions of the writes kept. */
export interface IntakePlan {
  /** One per write, in the group's order. */
  outcomes: IntakeCommitOutcome[];
  batches: NewBatch[];
  submissions: NewSubmission[];
}

/**
 * Decides, once for every store, which writes of a group are committed, given the scopes whose idempotency
 * records the database took (`inserted`): a write without an Idempotency-Key always is; one whose record
 * was already there (a live one, committed by a request on another instance, say) is left out whole,
 * submissions and all; of two writes of one scope in the same group, the first takes the record.
 */
export function planIntake(writes: readonly IntakeWrite[], inserted: ReadonlySet<string>): IntakePlan {
  const claimed = new Set<string>();
  const outcomes = writes.map((write): IntakeCommitOutcome => {
    if (!write.idempotency) return "committed";
    const scope = idempotencyScope(write.idempotency);
    if (!inserted.has(scope) || claimed.has(scope)) return "idempotency_conflict";
    claimed.add(scope);
    return "committed";
  });
  const kept = writes.filter((_, index) => outcomes[index] === "committed");
  return {
    outcomes,
    batches: kept.flatMap((write) => (write.batch ? [write.batch] : [])),
    submissions: kept.flatMap((write) => write.submissions),
  };
}

import Database from "better-sqlite3";
import { applySubmission } from "../../domain/apply-submission.js";
import type { NormalisedOrder } from "../../domain/normalised-order.js";
import type { createOrderQueries } from "./orders-sql.js";
import type { createSubmissionQueries, PendingSubmission } from "./submissions-sql.js";

/**
 * Errors that belong to one submission (its stored document cannot be read, its data cannot be stored)
 * rather than to the database: they fail that submission, and the others go on. Anything else (disk full,
 * I/O, a closed connection) aborts the batch, which is taken again later.
 */
function isSubmissionError(error: unknown): boolean {
  if (!(error instanceof Database.SqliteError)) return true;
  return /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(error.code);
}

/**
 * Takes up to `limit` accepted submissions oldest first and applies them in one transaction: one commit
 * (one fsync) for the batch. A savepoint per submission would cost two statements each, so a batch first
 * runs without them; only if one of its submissions cannot be applied is the batch rolled back and run
 * again with a savepoint each, so that the one is marked failed with its reason instead of holding up
 * every submission behind it.
 */
export function createSubmissionProcessing(
  db: Database.Database,
  submissions: ReturnType<typeof createSubmissionQueries>,
  orders: ReturnType<typeof createOrderQueries>,
) {
  const apply = (pending: PendingSubmission, now: string) => {
    const incoming = JSON.parse(pending.document) as NormalisedOrder;
    const decision = applySubmission(orders.find(incoming.trkref, incoming.order_ref)?.order, incoming);
    if (decision.outcome !== "duplicate") orders.save(decision.order, pending.id, now);
    submissions.markProcessed(pending.seq, decision.outcome, now);
  };
  const applyInSavepoint = db.transaction(apply);

  const applyCarefully = (submission: PendingSubmission, now: string) => {
    try {
      applyInSavepoint(submission, now);
    } catch (error) {
      if (!isSubmissionError(error)) throw error;
      submissions.markFailed(submission.seq, error instanceof Error ? error.message : String(error), now);
    }
  };

  const processBatch = db.transaction((limit: number, careful: boolean): number => {
    const pending = submissions.selectPending(limit);
    const now = new Date().toISOString();
    for (const submission of pending) {
      if (careful) applyCarefully(submission, now);
      else apply(submission, now);
    }
    return pending.length;
  });

  return (limit: number): number => {
    try {
      return processBatch.immediate(limit, false);
    } catch (error) {
      if (!isSubmissionError(error)) throw error;
      return processBatch.immediate(limit, true);
    }
  };
}

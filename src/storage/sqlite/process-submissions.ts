import Database from "better-sqlite3";
import { mergeOrder } from "../../domain/merge-order.js";
import type { NormalisedOrder } from "../../domain/normalised-order.js";
import type { createOrderQueries } from "./orders-sql.js";
import type { createSubmissionQueries, PendingSubmission } from "./submissions-sql.js";

/**
 * Errors that belong to one submission (its decision threw, its document or its data cannot be stored)
 * rather than to the database: they fail that submission, and the others go on. Anything else (disk full,
 * I/O, a closed connection) aborts the batch, which is taken again later.
 */
function isSubmissionError(error: unknown): boolean {
  if (!(error instanceof Database.SqliteError)) return true;
  return /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(error.code);
}

/**
 * Takes up to `limit` accepted submissions oldest first and applies each in its own savepoint inside one
 * transaction: one commit (one fsync) for the batch, yet a submission that cannot be applied is marked
 * failed with its reason instead of holding up every submission behind it.
 */
export function createSubmissionProcessing(
  db: Database.Database,
  submissions: ReturnType<typeof createSubmissionQueries>,
  orders: ReturnType<typeof createOrderQueries>,
) {
  const applyOne = db.transaction((pending: PendingSubmission, now: string) => {
    const incoming = JSON.parse(pending.document) as NormalisedOrder;
    const decision = mergeOrder(orders.find(incoming.trkref, incoming.order_ref)?.order, incoming);
    if (decision.outcome === "failed") {
      submissions.markFailed(pending.seq, decision.reason, now);
      return;
    }
    if (decision.outcome !== "duplicate") orders.save(decision.order, pending.id, now);
    submissions.markProcessed(pending.seq, decision.outcome, now);
  });

  const processPending = db.transaction((limit: number): number => {
    const pending = submissions.selectPending(limit);
    const now = new Date().toISOString();
    for (const submission of pending) {
      try {
        applyOne(submission, now);
      } catch (error) {
        if (!isSubmissionError(error)) throw error;
        submissions.markFailed(submission.seq, error instanceof Error ? error.message : String(error), now);
      }
    }
    return pending.length;
  });

  return (limit: number): number => processPending.immediate(limit);
}

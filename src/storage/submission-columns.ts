import type { SubmissionFailureCode } from "../domain/failure-codes.js";
import type { SubmissionOutcome, SubmissionRecord, SubmissionStatus } from "./store.js";

/** The columns of a submission row that a SubmissionRecord shows, times as ISO strings. */
export interface SubmissionColumns {
  id: string;
  trkref: string;
  order_ref: string;
  status: SubmissionStatus;
  outcome: SubmissionOutcome | null;
  failure_reason: string | null;
  failure_code: SubmissionFailureCode | null;
  accepted_at: string;
  processed_at: string | null;
}

/** The columns a SubmissionRecord is read from. */
export const SUBMISSION_COLUMNS =
  "id, trkref, order_ref, status, outcome, failure_reason, failure_code, accepted_at, processed_at";

/** The statement part both stores select a SubmissionRecord's columns with. */
export const SELECT_SUBMISSION_COLUMNS = `SELECT ${SUBMISSION_COLUMNS} FROM submissions`;

export const toSubmissionRecord = (row: SubmissionColumns): SubmissionRecord => ({
  id: row.id,
  trkref: row.trkref,
  orderRef: row.order_ref,
  status: row.status,
  outcome: row.outcome,
  failureReason: row.failure_reason,
  failureCode: row.failure_code,
  acceptedAt: row.accepted_at,
  processedAt: row.processed_at,
});

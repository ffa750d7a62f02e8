import type { SubmissionRecord } from "../storage/store.js";

// The API's names for a submission's fields, in one place: the routes answer with them and the CLI prints them.

/** A submission's state, as listed under an order. */
export function summariseSubmission(submission: SubmissionRecord) {
  return {
    id: submission.id,
    status: submission.status,
    outcome: submission.outcome,
    failure_reason: submission.failureReason,
    failure_code: submission.failureCode,
    accepted_at: submission.acceptedAt,
    processed_at: submission.processedAt,
  };
}

/** A submission and what became of it, as `GET /v4/customer_orders/{id}` answers it. */
export function toSubmissionBody(submission: SubmissionRecord) {
  return { ...summariseSubmission(submission), trkref: submission.trkref, order_ref: submission.orderRef };
}

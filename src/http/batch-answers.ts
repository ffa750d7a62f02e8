import { type BatchOrderResult, type BatchSummary, summariseBatch } from "../domain/batch-result.js";
import type { StoredBatch } from "../storage/store.js";
import { type IntakeAnswer, jsonAnswer } from "./intake-runner.js";
import { fieldErrorMembers } from "./legacy-members.js";
import { ProblemError } from "./problem-catalogue.js";
import { PROBLEM_CONTENT_TYPE, problemDocument } from "./problem-details.js";

export const batchLocation = (id: string) => `/v4/customer_orders/batches/${id}`;

/**
 * One result as the wire shows it: a rejected order's field errors as `errors` strings and `invalid_params`
 * entries, as in a single order's 422. Results are stored in the domain's shape, so a batch recorded by an
 * earlier release reads back the same way.
 */
function toWireResult(result: BatchOrderResult) {
  if (result.status === "accepted") return result;
  const { errors, warnings, ...rest } = result;
  return { ...rest, ...fieldErrorMembers(errors), ...(warnings && { warnings }) };
}

/** The v4 batch answer: all accepted 202, some 206, none 422; messages as the original wrote them. */
function batchVerdict(summary: BatchSummary): { status: 202 | 206 | 422; message: string } {
  if (summary.rejected === 0) return { status: 202, message: "Batch Accepted" };
  if (summary.accepted > 0) return { status: 206, message: "Batch partially accepted" };
  return { status: 422, message: "Batch is invalid" };
}

/** The original's batch `errors`: each rejected order as it was sent, with the strings of its result. */
function rejectedOrders(wireResults: ReturnType<typeof toWireResult>[], documents: readonly unknown[]) {
  return wireResults.flatMap((result) =>
    "errors" in result ? [{ customer_order: documents[result.index], errors: result.errors }] : [],
  );
}

/** 202 or 206 as JSON, or, when nothing was accepted, a 422 problem document with the same members. */
export function batchAnswer(
  id: string,
  results: BatchOrderResult[],
  documents: readonly unknown[],
): IntakeAnswer {
  const summary = summariseBatch(results);
  const { status, message } = batchVerdict(summary);
  const wireResults = results.map(toWireResult);
  const members = { summary, results: wireResults, errors: rejectedOrders(wireResults, documents) };
  if (status !== 422)
    return jsonAnswer(status, { status, id, message, ...members }, { location: batchLocation(id) });
  const problem = new ProblemError("batch_invalid", {
    detail: `None of the ${results.length} orders was accepted; see results`,
    extensions: { id, ...members },
  });
  return {
    statusCode: 422,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, location: batchLocation(id) },
    body: JSON.stringify(problemDocument(problem)),
  };
}

/** A stored batch with the current status of each accepted order. */
export function toBatchStatus(batch: StoredBatch) {
  const submissions = new Map(batch.submissions.map((submission) => [submission.id, submission]));
  const results = batch.results.map((result) => {
    if (result.status !== "accepted") return toWireResult(result);
    const submission = submissions.get(result.id);
    return {
      ...result,
      submission_status: submission?.status ?? "accepted",
      outcome: submission?.outcome ?? null,
      failure_reason: submission?.failureReason ?? null,
      failure_code: submission?.failureCode ?? null,
      processed_at: submission?.processedAt ?? null,
    };
  });
  return { id: batch.id, created_at: batch.createdAt, summary: summariseBatch(batch.results), results };
}

import type { FieldError, FieldWarning } from "./error-catalogue.js";

/** What became of one order of a batch, at the index it had in the request. */
export type BatchOrderResult =
  | { index: number; order_ref: string | null; status: "accepted"; id: string; warnings?: FieldWarning[] }
  | {
      index: number;
      order_ref: string | null;
      status: "rejected";
      errors: FieldError[];
      warnings?: FieldWarning[];
    };

/** Counts of a batch's orders; JSON numbers on the wire. */
export interface BatchSummary {
  accepted: number;
  rejected: number;
}

export function summariseBatch(results: readonly BatchOrderResult[]): BatchSummary {
  const accepted = results.filter((result) => result.status === "accepted").length;
  return { accepted, rejected: results.length - accepted };
}

/** The v4 batch answer: all accepted 202, some 206, none 422; messages as the original wrote them. */
export function batchVerdict(summary: BatchSummary): { status: 202 | 206 | 422; message: string } {
  if (summary.rejected === 0) return { status: 202, message: "Batch Accepted" };
  if (summary.accepted > 0) return { status: 206, message: "Batch partially accepted" };
  return { status: 422, message: "Batch is invalid" };
}

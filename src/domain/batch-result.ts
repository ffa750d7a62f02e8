import type { FieldError, FieldWarning } from "./field-errors.js";

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

/** How many of a batch's orders were accepted and how many rejected. */
export function summariseBatch(results: readonly BatchOrderResult[]): BatchSummary {
  const accepted = results.filter((result) => result.status === "accepted").length;
  return { accepted, rejected: results.length - accepted };
}

import { Type } from "@sinclair/typebox";
import { DEMO_TRKREF } from "../../domain/order-example.js";
import {
  isTrkref,
  TRKREF_MAX_LENGTH,
  TRKREF_PATTERN,
  TRKREF_RULE,
  trkrefCorrection,
} from "../../domain/trkref.js";
import { ProblemError } from "../problem-catalogue.js";
import { EXAMPLE_BATCH_ID, EXAMPLE_SUBMISSION_ID } from "../response-schemas.js";

/**
 * Path parameters as the OpenAPI document describes them. Each example is what the reference page's
 * "Try it out" fills in; the trkref is the organisation `quickstart` creates.
 */
export const TrkrefParam = Type.String({
  pattern: TRKREF_PATTERN,
  maxLength: TRKREF_MAX_LENGTH,
  description: `The organisation: ${TRKREF_RULE} (400 invalid_trkref otherwise)`,
  examples: [DEMO_TRKREF],
});

export const SubmissionIdParam = Type.String({
  format: "uuid",
  description: "The submission id from a 202 answer (its Location header)",
  examples: [EXAMPLE_SUBMISSION_ID],
});

export const BatchIdParam = Type.String({
  format: "uuid",
  description: "The batch id from a batch answer (its Location header)",
  examples: [EXAMPLE_BATCH_ID],
});

export const OrderRefParam = Type.String({
  description: "The order_ref as sent, URL-encoded",
  examples: ["ORD-2021-000123"],
});

/** Refuses a malformed trkref in a path with 400, saying what it must be (upper case, most often). */
export function checkPathTrkref(trkref: string): void {
  if (isTrkref(trkref)) return;
  throw new ProblemError("invalid_trkref", {
    detail: `Invalid TRKREF supplied: ${trkref}; it ${trkrefCorrection(trkref)}`,
  });
}

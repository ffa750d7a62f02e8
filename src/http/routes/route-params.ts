import { Type } from "@sinclair/typebox";
import { DEMO_TRKREF } from "../../domain/order-example.js";
import { TRKREF_MAX_LENGTH, TRKREF_PATTERN } from "../../domain/trkref.js";
import { EXAMPLE_BATCH_ID, EXAMPLE_SUBMISSION_ID } from "../response-schemas.js";

/**
 * Path parameters as the OpenAPI document describes them. Each example is what the reference page's
 * "Try it out" fills in; the trkref is the organisation `quickstart` creates.
 */
export const TrkrefParam = Type.String({
  pattern: TRKREF_PATTERN,
  maxLength: TRKREF_MAX_LENGTH,
  description:
    "The organisation: upper-case letters and digits in groups joined by single hyphens, at most " +
    `${TRKREF_MAX_LENGTH} characters (400 invalid_trkref otherwise)`,
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

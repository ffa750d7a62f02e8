import type { FieldError } from "../domain/field-errors.js";
import { type ProblemCode, ProblemError } from "./problem-catalogue.js";
import { problemDocument } from "./problem-details.js";

type ProblemOptions = ConstructorParameters<typeof ProblemError>[1];

const invalidDate: FieldError = {
  pointer: "/order_date",
  code: "invalid_date",
  message: "Must be a real calendar date written dd-mm-yyyy",
};
const missingSku: FieldError = {
  pointer: "/order_items/1/sku",
  code: "required",
  message: "This field is required",
};

const EXAMPLE_BATCH_ID = "01a2208e-6ce4-7489-9071-f2e5e6462e30";

/**
 * What an occurrence of a code says beyond the catalogue's message, where one example body would otherwise
 * leave a reader guessing (the `errors` of a 422, the `results` of a refused batch).
 */
const occurrences: Partial<Record<ProblemCode, ProblemOptions>> = {
  invalid_json: {
    detail: "Request body is not valid JSON: Expected ',' or '}' after property value in JSON at position 41",
  },
  invalid_trkref: { detail: "Invalid TRKREF supplied: acme; it must be upper case (ACME, not acme)" },
  invalid_query: {
    detail: "The request has 2 invalid query parameters",
    errors: [
      { pointer: "/limit", code: "invalid_limit", message: "Must be a whole number from 1 to 100" },
      {
        pointer: "/updated_after",
        code: "invalid_timestamp",
        message:
          '"yesterday" is not an ISO 8601 date and time with a UTC offset (2026-11-28T04:53:50Z, 2026-11-28T05:53:50.250+01:00)',
      },
    ],
  },
  unauthorized: { detail: "Unknown, revoked, expired or wrong credentials" },
  key_not_allowed: { detail: "This API key may not submit orders for ACME" },
  feature_disabled: {
    detail: "Customer order submission is not enabled for DEMO; ask the operator to enable it",
  },
  payload_too_large: { detail: "The request body is larger than this endpoint's limit of 1048576 bytes" },
  too_many_orders: { detail: "The batch has 1200 orders; at most 1000" },
  rate_limited: { detail: "This API key may make 100 requests per second (bursts of 200)" },
  authentication_throttled: { detail: "Too many failed authentications from this address" },
  unsupported_media_type: { detail: "Unsupported Media Type: text/plain" },
  no_data: { errors: [{ pointer: "", code: "required", message: "No data provided" }] },
  validation_failed: {
    detail: "The order has 2 invalid fields",
    errors: [invalidDate, missingSku],
    warnings: [
      {
        pointer: "/fulfillment_date",
        code: "unknown_field",
        message: 'Unknown field "fulfillment_date" was ignored',
        hint: "fulfilment_date",
      },
    ],
  },
  invalid_webhook_endpoint: {
    detail: "The webhook endpoint has 2 invalid members",
    errors: [
      { pointer: "/url", code: "invalid_url", message: "Must be an https URL (got http:)" },
      {
        pointer: "/event_types/1",
        code: "invalid_choice",
        message:
          'Unknown event type "order.deleted"; the types are order.created, order.updated, submission.failed',
      },
    ],
  },
  invalid_erasure_request: {
    detail: "The erasure request has 2 errors; nothing was recorded",
    errors: [
      {
        pointer: "/emails/1",
        code: "invalid_email",
        message: "Must be a valid email address of at most 254 characters",
      },
      { pointer: "/emails/3", code: "blank", message: "This field must not be blank" },
    ],
  },
  invalid_suppression_request: {
    detail: "The suppression request has 1 error; nothing was added",
    errors: [{ pointer: "", code: "required", message: "Send one of email, emails" }],
  },
  too_many_webhook_endpoints: {
    detail: "ACME has 16 webhook endpoints, the most an organisation may have; delete one first",
  },
  invalid_cancellation: {
    detail: "The cancellation has 2 errors; nothing was cancelled",
    errors: [
      { pointer: "/reason", code: "invalid_choice", message: "Must be one of cancelled, refunded, returned" },
      { pointer: "/skus/1", code: "blank", message: "This field must not be blank" },
    ],
  },
  invalid_delivery_report: {
    detail: "The delivery report has 1 error; nothing was recorded",
    errors: [
      { pointer: "/status", code: "invalid_choice", message: "Must be one of sent, bounced, complained" },
    ],
  },
  order_not_processed: {
    detail: 'The first submission of order "ORD-2021-000123" of DEMO is not processed yet; retry in a moment',
  },
  invitation_not_cancellable: {
    detail: "Invitation 01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b is due: too late to cancel it",
  },
  invitation_not_due: {
    detail: "Invitation 01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b is scheduled, not due: nothing was sent yet",
  },
  batch_invalid: {
    detail: "None of the 1 orders was accepted; see results",
    extensions: {
      id: EXAMPLE_BATCH_ID,
      summary: { accepted: 0, rejected: 1 },
      results: [
        {
          index: 0,
          order_ref: "B-7",
          status: "rejected",
          errors: ["invalid order_date"],
          invalid_params: [invalidDate],
        },
      ],
      errors: [
        {
          customer_order: {
            trkref: "DEMO",
            order_ref: "B-7",
            order_date: "31-02-2021",
            customer: { email: "sam@example.com" },
            order_items: [{ sku: "SKU-1" }],
          },
          errors: ["invalid order_date"],
        },
      ],
    },
  },
};

/**
 * The problem document the service answers for `code`, as an example for the API reference; `extensions`
 * are the members one endpoint adds (the batch endpoint's v4 `errors` on a 401, say).
 */
export function exampleProblem(
  code: ProblemCode,
  extensions?: Record<string, unknown>,
): Record<string, unknown> {
  const occurrence = occurrences[code];
  const merged = extensions
    ? { ...occurrence, extensions: { ...occurrence?.extensions, ...extensions } }
    : occurrence;
  return problemDocument(new ProblemError(code, merged));
}

import { Type } from "@sinclair/typebox";
import { submissionFailureCatalogue } from "../domain/failure-codes.js";
import { fieldWarningCatalogue } from "../domain/field-errors.js";

/**
 * Response bodies, for the OpenAPI document; handlers build exactly these shapes. Each carries an example
 * that `test/http/response-schemas.test.ts` checks against the schema, so that the two cannot disagree.
 */
export const EXAMPLE_SUBMISSION_ID = "01a22080-a27e-7679-b758-8002e3896ee9";
export const EXAMPLE_BATCH_ID = "01a2208e-6ce4-7489-9071-f2e5e6462e30";
const EXAMPLE_BATCH_SUBMISSION_ID = "01a2208e-6ce3-75aa-8c86-4f4d144c1c38";
const ACCEPTED_AT = "2026-11-28T04:53:50.846Z";
const PROCESSED_AT = "2026-11-28T04:53:50.848Z";

const FieldErrorSchema = Type.Object({
  pointer: Type.String({
    description: 'JSON Pointer (RFC 6901) to the field; "" is the whole document',
    examples: ["/order_items/1/sku"],
  }),
  code: Type.String({
    description: "Stable machine code of the field error (see the error catalogue above)",
    examples: ["required"],
  }),
  message: Type.String({ description: "Human-readable; may change", examples: ["This field is required"] }),
});

const FieldWarningSchema = Type.Object({
  pointer: Type.String({
    description: "JSON Pointer to the ignored or doubtful field",
    examples: ["/fulfillment_date"],
  }),
  code: Type.Union(
    Object.keys(fieldWarningCatalogue).map((code) => Type.Literal(code)),
    {
      description:
        "unknown_field: ignored; implausible_date: accepted, but far from today; customer_suppressed: accepted, kept without the customer's personal data",
      examples: ["unknown_field"],
    },
  ),
  message: Type.String({ examples: ['Unknown field "fulfillment_date" was ignored'] }),
  hint: Type.Optional(
    Type.String({
      description: "The field probably meant (unknown_field only)",
      examples: ["fulfilment_date"],
    }),
  ),
});

const LegacyErrorsSchema = Type.Array(Type.String(), {
  description: "The same errors as one sentence each, in the original's style (`invalid order_date`)",
  examples: [["invalid order_date", "order_items[1].sku cannot be blank"]],
});

const RejectedOrderSchema = Type.Object(
  {
    customer_order: Type.Unknown({ description: "The rejected order exactly as it was sent" }),
    errors: LegacyErrorsSchema,
  },
  { description: "One rejected order, as the original's batch answer listed it" },
);

export const ProblemSchema = Type.Object(
  {
    type: Type.String({
      description: "URI reference of the problem type; GET it for its description",
      examples: ["/problems/validation_failed"],
    }),
    title: Type.String({ description: "Short summary of the problem type", examples: ["Validation failed"] }),
    status: Type.Integer({ description: "The HTTP status, repeated for v4 clients", examples: [422] }),
    detail: Type.String({
      description: "What went wrong in this request",
      examples: ["The order has 1 invalid field"],
    }),
    code: Type.String({
      description: "Stable machine code of the problem: branch on this",
      examples: ["validation_failed"],
    }),
    message: Type.String({
      description: "Fixed per code; kept for v4 clients",
      examples: ["Validation failed"],
    }),
    errors: Type.Optional(
      Type.Union(
        [
          Type.Array(Type.String(), {
            description: "One sentence per wrong field, in the original's style (`locale cannot be blank`)",
          }),
          Type.Array(RejectedOrderSchema, {
            description: "A refused batch: each order as sent, with its errors",
          }),
          Type.Literal("Unauthorized", {
            description: "The batch endpoint's 401, as the original answered it",
          }),
        ],
        { description: "Kept for v4 clients; branch on `invalid_params` and `code` instead" },
      ),
    ),
    invalid_params: Type.Optional(
      Type.Array(FieldErrorSchema, { description: "Every wrong field, all at once, with pointer and code" }),
    ),
    error: Type.Optional(
      Type.Literal("Access denied", { description: "On every 403, as the original said" }),
    ),
    warnings: Type.Optional(
      Type.Array(FieldWarningSchema, { description: "Fields that were ignored, or accepted but doubtful" }),
    ),
  },
  {
    $id: "Problem",
    description: "RFC 9457 problem details (application/problem+json) with the v4 members",
    additionalProperties: true,
  },
);

export const AcceptedSchema = Type.Object(
  {
    status: Type.Literal(202),
    id: Type.String({ format: "uuid", description: "The submission id (UUID version 7)" }),
    message: Type.Literal("Customer order accepted"),
    warnings: Type.Optional(
      Type.Array(FieldWarningSchema, {
        description: "Unknown fields that were ignored and implausible dates; absent when none",
      }),
    ),
  },
  {
    description: "Accepted: the order is durably stored and will be processed",
    examples: [{ status: 202, id: EXAMPLE_SUBMISSION_ID, message: "Customer order accepted" }],
  },
);

const SubmissionStatus = Type.Union(
  [Type.Literal("accepted"), Type.Literal("processed"), Type.Literal("failed")],
  { description: "accepted until the processor has applied it; then processed, or failed with a reason" },
);
const Outcome = Type.Union(
  [Type.Literal("created"), Type.Literal("updated"), Type.Literal("duplicate"), Type.Null()],
  { description: "What processing did to the order; null until processed, and when failed" },
);
const FailureReason = Type.Union([Type.String(), Type.Null()], {
  description: "Why processing failed, in words; null otherwise",
});
const FailureCode = Type.Union(
  [...Object.keys(submissionFailureCatalogue).map((code) => Type.Literal(code)), Type.Null()],
  {
    description:
      "Why processing failed, as a stable code (docs/errors.md, Failure codes); null otherwise, and for a " +
      "submission failed before codes were recorded",
  },
);
const ProcessedAt = Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
  description: "When it was processed or failed; null while accepted",
});

export const SubmissionSchema = Type.Object(
  {
    id: Type.String({ format: "uuid", description: "The submission id" }),
    status: SubmissionStatus,
    outcome: Outcome,
    failure_reason: FailureReason,
    failure_code: FailureCode,
    trkref: Type.String({ description: "The organisation", examples: ["DEMO"] }),
    order_ref: Type.String({ description: "The order's reference as sent", examples: ["ORD-2021-000123"] }),
    accepted_at: Type.String({ format: "date-time", description: "When the 202 was sent" }),
    processed_at: ProcessedAt,
  },
  {
    description: "The submission and what became of it",
    examples: [
      {
        id: EXAMPLE_SUBMISSION_ID,
        status: "processed",
        outcome: "created",
        failure_reason: null,
        failure_code: null,
        trkref: "DEMO",
        order_ref: "ORD-2021-000123",
        accepted_at: ACCEPTED_AT,
        processed_at: PROCESSED_AT,
      },
    ],
  },
);

const BatchResultSchema = Type.Object({
  index: Type.Integer({ description: "Position of the order in the request array" }),
  order_ref: Type.Union([Type.String(), Type.Null()], { description: "The order_ref it sent; null if none" }),
  status: Type.Union([Type.Literal("accepted"), Type.Literal("rejected")]),
  id: Type.Optional(Type.String({ format: "uuid", description: "The submission id, when accepted" })),
  errors: Type.Optional(LegacyErrorsSchema),
  invalid_params: Type.Optional(
    Type.Array(FieldErrorSchema, { description: "Why it was rejected; pointers are relative to the order" }),
  ),
  warnings: Type.Optional(Type.Array(FieldWarningSchema)),
});

const BatchSummarySchema = Type.Object({
  accepted: Type.Integer({ description: "Orders accepted and stored", examples: [1] }),
  rejected: Type.Integer({ description: "Orders rejected", examples: [1] }),
});

const acceptedResult = {
  index: 0,
  order_ref: "ORD-2021-000123",
  status: "accepted",
  id: EXAMPLE_BATCH_SUBMISSION_ID,
};
const rejectedResult = {
  index: 1,
  order_ref: "ORD-2021-000124",
  status: "rejected",
  errors: ["invalid order_date"],
  invalid_params: [
    {
      pointer: "/order_date",
      code: "invalid_date",
      message: "Must be a real calendar date written dd-mm-yyyy",
    },
  ],
};

const rejectedOrderAsSent = {
  trkref: "DEMO",
  order_ref: "ORD-2021-000124",
  order_date: "31-02-2021",
  customer: { email: "sam@example.com" },
  order_items: [{ sku: "SKU-2" }],
};

export const BatchAnswerSchema = Type.Object(
  {
    status: Type.Union([Type.Literal(202), Type.Literal(206)]),
    id: Type.String({ format: "uuid", description: "The batch id" }),
    message: Type.Union([Type.Literal("Batch Accepted"), Type.Literal("Batch partially accepted")]),
    summary: BatchSummarySchema,
    results: Type.Array(BatchResultSchema, { description: "One entry per order, in request order" }),
    errors: Type.Array(RejectedOrderSchema, {
      description: "The original's list of rejected orders, each as sent with its errors; [] when none",
    }),
  },
  { description: "Every order was accepted and durably stored" },
);

/** A 202 and a 206 batch answer, for the OpenAPI document. */
export const batchAnswerExamples = {
  accepted: {
    status: 202,
    id: EXAMPLE_BATCH_ID,
    message: "Batch Accepted",
    summary: { accepted: 1, rejected: 0 },
    results: [acceptedResult],
    errors: [],
  },
  partial: {
    status: 206,
    id: EXAMPLE_BATCH_ID,
    message: "Batch partially accepted",
    summary: { accepted: 1, rejected: 1 },
    results: [acceptedResult, rejectedResult],
    errors: [{ customer_order: rejectedOrderAsSent, errors: rejectedResult.errors }],
  },
};

export const BatchStatusSchema = Type.Object(
  {
    id: Type.String({ format: "uuid", description: "The batch id" }),
    created_at: Type.String({ format: "date-time", description: "When the batch was accepted" }),
    summary: BatchSummarySchema,
    results: Type.Array(
      Type.Composite([
        BatchResultSchema,
        Type.Object({
          submission_status: Type.Optional(SubmissionStatus),
          outcome: Type.Optional(Outcome),
          failure_reason: Type.Optional(FailureReason),
          failure_code: Type.Optional(FailureCode),
          processed_at: Type.Optional(ProcessedAt),
        }),
      ]),
      { description: "One entry per order; accepted ones with their submission's current state" },
    ),
  },
  {
    description: "The batch, with the current status of each accepted order",
    examples: [
      {
        id: EXAMPLE_BATCH_ID,
        created_at: ACCEPTED_AT,
        summary: { accepted: 1, rejected: 1 },
        results: [
          {
            ...acceptedResult,
            submission_status: "processed",
            outcome: "created",
            failure_reason: null,
            failure_code: null,
            processed_at: PROCESSED_AT,
          },
          rejectedResult,
        ],
      },
    ],
  },
);

const SubmissionSummarySchema = Type.Pick(SubmissionSchema, [
  "id",
  "status",
  "outcome",
  "failure_reason",
  "failure_code",
  "accepted_at",
  "processed_at",
]);

export const StoredOrderSchema = Type.Object(
  {
    trkref: Type.String({ description: "The organisation" }),
    order_ref: Type.String({ description: "The order's reference, as a string" }),
    order_date: Type.Optional(Type.String({ format: "date", description: "ISO 8601 yyyy-mm-dd" })),
    fulfilment_date: Type.Optional(Type.String({ format: "date", description: "ISO 8601 yyyy-mm-dd" })),
    language: Type.Optional(Type.String({ description: "Lower case (en)" })),
    locale: Type.Optional(Type.String({ description: "ll-CC (en-GB)" })),
    customer: Type.Object(
      { email: Type.String({ description: "As sent" }) },
      { additionalProperties: true, description: "The customer's fields as sent; country upper case" },
    ),
    order_items: Type.Array(
      Type.Object(
        {
          sku: Type.String({ description: "As a string" }),
          price: Type.Optional(Type.String({ description: "Decimal with a dot (55.99)" })),
        },
        { additionalProperties: true, description: "An item; currency upper case, metadata as sent" },
      ),
    ),
    created_at: Type.String({ format: "date-time", description: "When the first submission was processed" }),
    updated_at: Type.String({ format: "date-time", description: "When a submission last changed it" }),
    suppressed: Type.Optional(
      Type.Literal(true, {
        description:
          "Present when the customer is on the organisation's suppression list: the order is kept without their data (the email empty, only the customer's country, no item metadata)",
      }),
    ),
    submissions: Type.Array(SubmissionSummarySchema, {
      description: "Every submission for this order, oldest first",
    }),
  },
  {
    description: "The order as it stands after every processed submission, in normalised form",
    examples: [
      {
        trkref: "DEMO",
        order_ref: "ORD-2021-000123",
        order_date: "2021-09-25",
        fulfilment_date: "2021-09-27",
        language: "en",
        locale: "en-GB",
        customer: { email: "jane.doe@example.com", customer_ref: "CUST-0042", country: "GB" },
        order_items: [
          { sku: "TSHIRT-BLUE-M", price: "55.99", currency: "GBP", metadata: { field_1: "gift wrapped" } },
          { sku: "MUG-001", price: "12.5", currency: "GBP" },
        ],
        created_at: PROCESSED_AT,
        updated_at: PROCESSED_AT,
        submissions: [
          {
            id: EXAMPLE_SUBMISSION_ID,
            status: "processed",
            outcome: "created",
            failure_reason: null,
            failure_code: null,
            accepted_at: ACCEPTED_AT,
            processed_at: PROCESSED_AT,
          },
        ],
      },
    ],
  },
);

const exampleOrganisation = { trkref: "DEMO", name: "Demo shop", enabled: true };

export const OrganisationSchema = Type.Object(
  {
    trkref: Type.String({ description: "The organisation's trkref, as in the paths", examples: ["DEMO"] }),
    name: Type.String({ description: "Its name, as the operator gave it", examples: ["Demo shop"] }),
    enabled: Type.Boolean({
      description:
        "Whether order submission is switched on for it; while false, its orders are refused with " +
        "403 feature_disabled",
      examples: [true],
    }),
  },
  { description: "An organisation this API key may act for", examples: [exampleOrganisation] },
);

export const OrganisationListSchema = Type.Object(
  {
    data: Type.Array(OrganisationSchema, {
      description: "Every organisation the key may act for, enabled or not, in trkref order",
    }),
  },
  {
    description: "The organisations this API key may act for",
    examples: [{ data: [exampleOrganisation, { trkref: "DEMO-UK", name: "Demo shop UK", enabled: false }] }],
  },
);

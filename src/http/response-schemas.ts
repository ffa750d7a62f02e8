import { Type } from "@sinclair/typebox";

/** Response bodies, for the OpenAPI document; handlers build exactly these shapes. */
const FieldErrorSchema = Type.Object({
  pointer: Type.String({
    description: "JSON Pointer (RFC 6901) to the field",
    examples: ["/order_items/1/sku"],
  }),
  code: Type.String({
    description: "Stable machine code, see /problems and docs/errors.md",
    examples: ["required"],
  }),
  message: Type.String({ examples: ["This field is required"] }),
});

const FieldWarningSchema = Type.Object({
  pointer: Type.String({ examples: ["/fulfillment_date"] }),
  code: Type.Literal("unknown_field"),
  message: Type.String({ examples: ['Unknown field "fulfillment_date" was ignored'] }),
  hint: Type.Optional(
    Type.String({ description: "The field probably meant", examples: ["fulfilment_date"] }),
  ),
});

export const ProblemSchema = Type.Object(
  {
    type: Type.String({
      description: "URI reference of the problem type",
      examples: ["/problems/validation_failed"],
    }),
    title: Type.String({ examples: ["Validation failed"] }),
    status: Type.Integer({ examples: [422] }),
    detail: Type.String({ examples: ["The order has 1 invalid field"] }),
    code: Type.String({ description: "Stable machine code of the problem", examples: ["validation_failed"] }),
    message: Type.String({ description: "Kept for clients of the v4 API", examples: ["Validation failed"] }),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
    warnings: Type.Optional(Type.Array(FieldWarningSchema)),
  },
  { $id: "Problem", description: "RFC 9457 problem details (application/problem+json)" },
);

export const AcceptedSchema = Type.Object(
  {
    status: Type.Literal(202),
    id: Type.String({ format: "uuid", description: "The submission id (UUID version 7)" }),
    message: Type.Literal("Customer order accepted"),
    warnings: Type.Optional(Type.Array(FieldWarningSchema)),
  },
  { description: "Accepted: the order is durably stored and will be processed" },
);

export const SubmissionSchema = Type.Object(
  {
    id: Type.String({ format: "uuid" }),
    status: Type.Union([Type.Literal("accepted"), Type.Literal("processed"), Type.Literal("failed")]),
    outcome: Type.Union([
      Type.Literal("created"),
      Type.Literal("updated"),
      Type.Literal("duplicate"),
      Type.Null(),
    ]),
    failure_reason: Type.Union([Type.String(), Type.Null()]),
    trkref: Type.String({ examples: ["DEMO"] }),
    order_ref: Type.String({ examples: ["ORDER-1001"] }),
    accepted_at: Type.String({ format: "date-time" }),
    processed_at: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  },
  { description: "The submission and what became of it" },
);

const problemDescriptions: Record<number, string> = {
  400: "Malformed JSON or trkref",
  401: "Missing, malformed, unknown, wrong or revoked credentials (with WWW-Authenticate)",
  403: "The key may not act for the organisation, or order submission is off for it",
  404: "Not found, or not visible to this key",
  413: "Body over MAX_BODY_BYTES",
  415: "Content-Type is not JSON",
  422: "The document is invalid; every error is listed",
  429: "Over the API key's rate limit, or too many failed authentications from this client (with Retry-After)",
  503: "The order could not be stored now; nothing was stored (with Retry-After)",
};

/** The problem answers a route can give, keyed by status, each an RFC 9457 document. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: problemDescriptions[status] ?? "Problem",
        content: { "application/problem+json": { schema: { ...ProblemSchema, $id: undefined } } },
      },
    ]),
  );
}

const BatchResultSchema = Type.Object({
  index: Type.Integer({ description: "Position of the order in the request array" }),
  order_ref: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal("accepted"), Type.Literal("rejected")]),
  id: Type.Optional(Type.String({ format: "uuid", description: "The submission id, when accepted" })),
  errors: Type.Optional(Type.Array(FieldErrorSchema, { description: "Why it was rejected" })),
  warnings: Type.Optional(Type.Array(FieldWarningSchema)),
});

const BatchSummarySchema = Type.Object({
  accepted: Type.Integer({ examples: [2] }),
  rejected: Type.Integer({ examples: [1] }),
});

export const BatchAnswerSchema = Type.Object(
  {
    status: Type.Union([Type.Literal(202), Type.Literal(206)]),
    id: Type.String({ format: "uuid", description: "The batch id" }),
    message: Type.Union([Type.Literal("Batch accepted"), Type.Literal("Batch partially accepted")]),
    summary: BatchSummarySchema,
    results: Type.Array(BatchResultSchema),
  },
  { description: "Every order was accepted and durably stored" },
);

export const BatchStatusSchema = Type.Object(
  {
    id: Type.String({ format: "uuid" }),
    created_at: Type.String({ format: "date-time" }),
    summary: BatchSummarySchema,
    results: Type.Array(
      Type.Composite([
        BatchResultSchema,
        Type.Object({
          submission_status: Type.Optional(
            Type.Union([Type.Literal("accepted"), Type.Literal("processed"), Type.Literal("failed")]),
          ),
          outcome: Type.Optional(
            Type.Union([
              Type.Literal("created"),
              Type.Literal("updated"),
              Type.Literal("duplicate"),
              Type.Null(),
            ]),
          ),
          failure_reason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
          processed_at: Type.Optional(Type.Union([Type.String({ format: "date-time" }), Type.Null()])),
        }),
      ]),
    ),
  },
  { description: "The batch, with the current status of each accepted order" },
);

const SubmissionSummarySchema = Type.Pick(SubmissionSchema, [
  "id",
  "status",
  "outcome",
  "failure_reason",
  "accepted_at",
  "processed_at",
]);

export const StoredOrderSchema = Type.Object(
  {
    trkref: Type.String(),
    order_ref: Type.String(),
    order_date: Type.Optional(Type.String({ format: "date", description: "ISO 8601" })),
    fulfilment_date: Type.Optional(Type.String({ format: "date", description: "ISO 8601" })),
    language: Type.Optional(Type.String()),
    locale: Type.Optional(Type.String()),
    customer: Type.Object({ email: Type.String() }, { additionalProperties: true }),
    order_items: Type.Array(
      Type.Object(
        { sku: Type.String(), price: Type.Optional(Type.String({ description: "Decimal with a dot" })) },
        { additionalProperties: true },
      ),
    ),
    created_at: Type.String({ format: "date-time" }),
    updated_at: Type.String({ format: "date-time" }),
    submissions: Type.Array(SubmissionSummarySchema, {
      description: "Every submission for this order, oldest first",
    }),
  },
  { description: "The order as it stands after every processed submission, in normalised form" },
);

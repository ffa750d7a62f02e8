import { Type } from "@sinclair/typebox";
import { MAX_ERASURE_SUBJECTS } from "../../processing/erasure-input.js";
import {
  ERASED_RECORD_KINDS,
  type ErasedRecordKind,
  type ErasureRequestRecord,
  type NewErasureRequest,
} from "../../storage/privacy-store.js";

/**
 * An erasure request as the API (and the CLI's `--json`) shows it, the bodies that ask for an erasure or a
 * suppression, and what a suppression answers, for the OpenAPI document. No answer holds an email or a hash
 * of one: a request says how many customers it names, never which.
 */

/** A request as the API answers it: snake_case, the subjects counted, never shown. */
export const toErasureRequestBody = (
  request: NewErasureRequest & Partial<Pick<ErasureRequestRecord, "status" | "completedAt" | "counts">>,
) => ({
  id: request.id,
  status: request.status ?? "pending",
  requested_at: request.requestedAt,
  completed_at: request.completedAt ?? null,
  subjects: request.subjects.length,
  counts: request.counts ?? null,
});

/** "1 error", "3 errors": how a refusal's detail counts its invalid_params. */
export const errorCount = (count: number) => (count === 1 ? "1 error" : `${count} errors`);

export const EXAMPLE_ERASURE_REQUEST_ID = "01a2209c-5b1e-7c3d-9a4f-2e6b8d0c1f37";
const EXAMPLE_EMAIL = "jane.doe@example.com";

const exampleCounts: Record<ErasedRecordKind, number> = {
  orders: 2,
  order_items: 5,
  submissions: 3,
  pending_submissions: 0,
  events: 4,
  webhook_attempts: 2,
  idempotency_records: 0,
  suppressions: 1,
  invitations: 2,
};

const pendingExample = {
  id: EXAMPLE_ERASURE_REQUEST_ID,
  status: "pending",
  requested_at: "2026-11-28T04:53:50.846Z",
  completed_at: null,
  subjects: 1,
  counts: null,
};
const completedExample = {
  ...pendingExample,
  status: "completed",
  completed_at: "2026-11-28T04:53:51.102Z",
  counts: exampleCounts,
};

const countDescriptions: Record<ErasedRecordKind, string> = {
  orders: "Orders deleted, with their items",
  order_items: "Items of those orders deleted",
  submissions: "Processed or failed submissions whose documents were replaced by the bare order_ref",
  pending_submissions:
    "Submissions still waiting to be processed, emptied and failed as erased, so that none re-creates an order",
  events: 'Events whose data was redacted to {"erased": true}; they keep their place in the feed',
  webhook_attempts: "Webhook attempts of those events whose recorded answer or error was removed",
  idempotency_records:
    "Idempotency records deleted because their answer held the customer's data (a batch's answer echoes each rejected order as sent)",
  suppressions: "Emails put on the organisation's suppression list",
  invitations:
    "Review invitations of those orders that lost their customer and products (a scheduled one is skipped as erased)",
};

const ErasureCountsSchema = Type.Object(
  Object.fromEntries(
    ERASED_RECORD_KINDS.map((kind) => [
      kind,
      Type.Integer({ minimum: 0, description: countDescriptions[kind], examples: [exampleCounts[kind]] }),
    ]),
  ),
  { description: "What the erasure changed, per kind of record", examples: [exampleCounts] },
);

export const ErasureRequestSchema = Type.Object(
  {
    id: Type.String({
      format: "uuid",
      description: "The request's id, for GET …/erasure_requests/{id}",
      examples: [EXAMPLE_ERASURE_REQUEST_ID],
    }),
    status: Type.Union([Type.Literal("pending"), Type.Literal("completed")], {
      description: "pending: recorded, not yet carried out; completed: carried out, with its counts",
      examples: ["completed"],
    }),
    requested_at: Type.String({ format: "date-time", examples: [pendingExample.requested_at] }),
    completed_at: Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
      description: "When it was carried out; null while pending",
      examples: [completedExample.completed_at],
    }),
    subjects: Type.Integer({
      minimum: 1,
      maximum: MAX_ERASURE_SUBJECTS,
      description: "How many customers it names, each counted once (the same email in two spellings is one)",
      examples: [1],
    }),
    counts: Type.Union([ErasureCountsSchema, Type.Null()], {
      description: "What it erased, per kind of record; null while pending",
      examples: [exampleCounts],
    }),
  },
  { description: "An erasure request of the organisation", examples: [completedExample] },
);

export const AcceptedErasureRequestSchema = Type.Object(ErasureRequestSchema.properties, {
  description: "The request, recorded: it is carried out shortly, and its status tells when it has been",
  examples: [pendingExample],
});

const emailMember = Type.String({
  format: "email",
  maxLength: 254,
  description:
    "A customer's email, as the order document takes it; compared without regard to case or surrounding space",
  examples: [EXAMPLE_EMAIL],
});
const emailsMember = Type.Array(emailMember, {
  minItems: 1,
  maxItems: MAX_ERASURE_SUBJECTS,
  description: `Customers' emails, 1 to ${MAX_ERASURE_SUBJECTS}; one named twice counts once`,
  examples: [[EXAMPLE_EMAIL, "j.smith@example.org"]],
});

const exactlyOne = (description: string) => ({ additionalProperties: false, description });

export const NewErasureRequestSchema = Type.Union(
  [
    Type.Object({ email: emailMember }, exactlyOne("One customer, by email")),
    Type.Object({ emails: emailsMember }, exactlyOne("Customers, by email")),
    Type.Object(
      {
        customer_refs: Type.Array(
          Type.Union([Type.String({ minLength: 1 }), Type.Integer()], {
            description:
              "The merchant's own customer_ref, as the orders carried it (a string, or a whole number)",
            examples: ["CUST-000123"],
          }),
          {
            minItems: 1,
            maxItems: MAX_ERASURE_SUBJECTS,
            description: `Customers by customer_ref, 1 to ${MAX_ERASURE_SUBJECTS}: every email their orders carried is erased too`,
            examples: [["CUST-000123"]],
          },
        ),
      },
      exactlyOne("Customers, by the merchant's customer_ref"),
    ),
  ],
  {
    description: "Exactly one of email, emails and customer_refs",
    examples: [{ email: EXAMPLE_EMAIL }, { customer_refs: ["CUST-000123", "CUST-000456"] }],
  },
);

export const NewSuppressionsSchema = Type.Union(
  [
    Type.Object({ email: emailMember }, exactlyOne("One customer, by email")),
    Type.Object({ emails: emailsMember }, exactlyOne("Customers, by email")),
  ],
  {
    description: "Exactly one of email and emails",
    examples: [{ emails: [EXAMPLE_EMAIL, "j.smith@example.org"] }],
  },
);

export const SuppressionOutcomeSchema = Type.Object(
  {
    added: Type.Integer({
      minimum: 0,
      description: "Emails put on the list by this request",
      examples: [1],
    }),
    already_suppressed: Type.Integer({
      minimum: 0,
      description: "Emails that were on the list already (for whatever reason), left as they were",
      examples: [1],
    }),
  },
  { description: "What the request added to the list", examples: [{ added: 1, already_suppressed: 1 }] },
);

export const ErasureRequestIdParam = Type.String({
  format: "uuid",
  description: "The request's id, from the 202 that recorded it (its Location header)",
  examples: [EXAMPLE_ERASURE_REQUEST_ID],
});

import type { components, operations } from "./generated/openapi.js";

/** The JSON body an operation answers with `status`. */
type Answer<Operation extends keyof operations, Status extends number> = operations[Operation] extends {
  responses: Record<Status, { content: { "application/json": infer Body } }>;
}
  ? Body
  : never;

/** The JSON body an operation takes. */
type Body<Operation extends keyof operations> = operations[Operation] extends {
  requestBody?: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

/** One customer order as the single and batch endpoints take it (`trkref` may be left to the client). */
export type OrderDocument = Body<"submitCustomerOrder">;
/** The `202` of a single submission. */
export type SubmissionAccepted = Answer<"submitCustomerOrder", 202>;
/** A warning the service gave an accepted order: an ignored unknown field, an implausible date. */
export type FieldWarning = NonNullable<SubmissionAccepted["warnings"]>[number];
/** The `202`/`206` of a batch. */
export type BatchAnswer = Answer<"submitCustomerOrderBatch", 202>;
/** One order's result in a batch answer. */
export type BatchResult = BatchAnswer["results"][number];
/** What became of a submission. */
export type Submission = Answer<"getSubmission", 200>;
/** A batch and the current state of each of its orders. */
export type BatchStatus = Answer<"getCustomerOrderBatch", 200>;
/** An order as it stands, with its submissions, invitation and cancellation. */
export type Order = Answer<"getCustomerOrder", 200>;
/** A page of the organisation's orders. */
export type OrderPage = Answer<"listCustomerOrders", 200>;
/** An order as the listing shows it. */
export type OrderListItem = OrderPage["data"][number];
/** A page of the organisation's submissions in one status. */
export type SubmissionPage = Answer<"listSubmissions", 200>;
/** A page of the event feed, with the cursor to read on from. */
export type EventPage = Answer<"listEvents", 200>;
/** One event of the feed (and of a webhook request's body). */
export type OrderEvent = EventPage["data"][number];
/** An organisation the API key may act for. */
export type Organisation = Answer<"listOrganisations", 200>["data"][number];
/** What a cancellation reports: a reason, and SKUs for a partial one. */
export type CancellationRequest = NonNullable<Body<"cancelCustomerOrder">>;
/** The order's cancellation and its invitation, as a cancellation left them. */
export type CancellationAnswer = Answer<"cancelCustomerOrder", 200>;
/** An erasure request, pending or completed. */
export type ErasureRequest = Answer<"getErasureRequest", 200>;
/** An RFC 9457 problem document, with the v4 members. */
export type Problem = components["schemas"]["Problem"];
/** One wrong field of a problem, with its JSON Pointer and stable code. */
export type FieldError = NonNullable<Problem["invalid_params"]>[number];

import equal from "fast-deep-equal";
import type { SubmissionFailureCode } from "./failure-codes.js";
import type { NormalisedOrder } from "./normalised-order.js";

/**
 * The kinds of event the service records, never renamed once released. Later capabilities add theirs here
 * (erasure, invitations); a consumer is told to ignore a type it does not know (docs/webhooks.md).
 */
export const eventTypeCatalogue = {
  "order.created": "A submission created the order: `data.order` is the order as it now stands",
  "order.updated":
    "A submission changed the order: `data.order` as it now stands, `data.previous_attributes` what the changed fields held before",
  "submission.failed": "Processing failed a submission: `data.submission` with its `failure_code` and reason",
  "order.erased":
    "The order's personal data was erased (an erasure request, or retention): `data.reason`; erase your copies. Earlier events of the order now carry `data.erased` only",
  "order.cancelled":
    "The merchant reported the order cancelled, refunded or returned, whole or some of its SKUs: `data.cancellation`",
  "invitation.scheduled": "The order's review invitation was scheduled: `data.invitation`, due at `due_at`",
  "invitation.rescheduled":
    "A new trigger date moved the invitation: `data.invitation`, `data.previous_due_at`",
  "invitation.updated":
    "The invitation's products changed (new items, a partial cancellation): `data.invitation`, `data.previous_products`",
  "invitation.cancelled": "The invitation was cancelled, with its order or on its own: `data.invitation`",
  "invitation.skipped":
    "The invitation will not be sent: `data.invitation` with its `reason` (when it was made, or at its due time)",
  "invitation.due":
    "The invitation is due: what a mailer needs to send it (`data.invitation`, `data.customer`, `data.products`, `data.merchant`, `data.review_link`)",
} as const satisfies Record<string, string>;

export type EventType = keyof typeof eventTypeCatalogue;

export const EVENT_TYPES = Object.keys(eventTypeCatalogue) as EventType[];

export const isEventType = (text: string): text is EventType => Object.hasOwn(eventTypeCatalogue, text);

/**
 * An event as the pipeline records it, before the store gives it its place in the organisation's
 * sequence. `data` is the payload's `data` member; the rest of the envelope comes from the columns.
 */
export interface NewEvent {
  /** UUID v7 (its time the event's, to the millisecond), and the `webhook-id` of every delivery of the event. */
  id: string;
  type: EventType;
  trkref: string;
  orderRef: string;
  createdAt: string;
  data: Record<string, unknown>;
}

/**
 * What the changed fields held before: for each top-level field of the order that changed, its previous
 * value (`null` when it was absent); the customer's fields one by one, the items as a whole list (an item
 * has no identity of its own beyond its place). Stripe's `previous_attributes`, in the order's shape.
 */
export function previousAttributes(before: NormalisedOrder, after: NormalisedOrder): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof NormalisedOrder>;
  for (const key of keys) {
    if (key === "customer") continue;
    if (!equal(before[key], after[key])) previous[key] = before[key] ?? null;
  }
  const customer: Record<string, unknown> = {};
  const customerKeys = new Set([...Object.keys(before.customer), ...Object.keys(after.customer)]);
  for (const key of customerKeys as Set<keyof NormalisedOrder["customer"]>) {
    if (before.customer[key] !== after.customer[key]) customer[key] = before.customer[key] ?? null;
  }
  if (Object.keys(customer).length > 0) previous.customer = customer;
  return previous;
}

/** An order's change by one submission: what it was before (nothing when created) and what it is now. */
export interface OrderChange {
  submissionId: string;
  before: NormalisedOrder | undefined;
  after: NormalisedOrder;
}

/** The event one applied submission records: `order.created`, or `order.updated` with what changed. */
export function orderChangeEvent(change: OrderChange, id: string, createdAt: string): NewEvent {
  const { before, after, submissionId } = change;
  const base = { id, trkref: after.trkref, orderRef: after.order_ref, createdAt };
  if (!before) {
    return { ...base, type: "order.created", data: { order: after, submission_id: submissionId } };
  }
  return {
    ...base,
    type: "order.updated",
    data: {
      order: after,
      previous_attributes: previousAttributes(before, after),
      submission_id: submissionId,
    },
  };
}

/** A submission processing failed, as its event tells it: never its document. */
export interface FailedSubmissionFacts {
  submissionId: string;
  trkref: string;
  orderRef: string;
  code: SubmissionFailureCode;
  reason: string;
}

export function submissionFailedEvent(
  failed: FailedSubmissionFacts,
  id: string,
  createdAt: string,
): NewEvent {
  return {
    id,
    type: "submission.failed",
    trkref: failed.trkref,
    orderRef: failed.orderRef,
    createdAt,
    data: {
      submission: {
        id: failed.submissionId,
        status: "failed",
        failure_code: failed.code,
        failure_reason: failed.reason,
      },
    },
  };
}

/** Why an order was erased: a request (by email or customer_ref), or its retention period ending. */
export type ErasureReason = "request" | "retention";

/** The event that tells downstream systems to erase their copies of an order: its ref, no personal data. */
export function orderErasedEvent(
  erased: { trkref: string; orderRef: string; reason: ErasureReason },
  id: string,
  createdAt: string,
): NewEvent {
  return {
    id,
    type: "order.erased",
    trkref: erased.trkref,
    orderRef: erased.orderRef,
    createdAt,
    data: { order_ref: erased.orderRef, reason: erased.reason },
  };
}

/** What an event's `data` becomes when its order is erased: the envelope stays, so the feed keeps its numbers. */
export const ERASED_EVENT_DATA = { erased: true } as const;

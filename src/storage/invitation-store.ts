import type { InvitationPolicy } from "../domain/invitation-policy.js";
import type {
  CancellationReason,
  DeliveryStatus,
  Invitation,
  InvitationSkipReason,
  InvitationStatus,
  OrderCancellation,
} from "../domain/invitations.js";

/** A review link's settings: the template (with `{token}`), the secret its tokens are signed with, their life. */
export interface ReviewLinkSettings {
  template: string;
  secret: string;
  ttlDays: number;
}

/** What scheduling and releasing invitations need from the installation's settings. */
export interface InvitationSettings {
  /** The installation's policy, which each organisation's overrides replace member by member. */
  defaults: InvitationPolicy;
  /** Null: `invitation.due` carries no review link. */
  reviewLink: ReviewLinkSettings | null;
}

/** Which of an organisation's invitations `listInvitations` reads: in creation order (by id), from where. */
export interface InvitationListQuery {
  trkref: string;
  status?: InvitationStatus;
  orderRef?: string;
  /** Only invitations due strictly before this instant (UTC ISO 8601 with milliseconds). */
  dueBefore?: string;
  /** Only invitations after this id (ids are UUID v7: creation order). */
  afterId?: string;
  limit: number;
}

/** What one run of the due-time check did. */
export interface ReleaseReport {
  /** Scheduled invitations whose time had come, taken by this run. */
  taken: number;
  due: number;
  skipped: Partial<Record<InvitationSkipReason, number>>;
  /** Events recorded (and queued for webhook endpoints) in the same transaction. */
  events: number;
}

export interface ReleaseOptions {
  limit: number;
  /** The time the check runs at (tests pass their clock's); default now. */
  now?: string;
  settings: InvitationSettings;
}

/** A merchant's (or the operator's) report that an order was cancelled, refunded or returned. */
export interface CancelOrderRequest {
  trkref: string;
  orderRef: string;
  reason: CancellationReason;
  /** The SKUs cancelled; null: the whole order. */
  skus: string[] | null;
  now?: string;
}

export type CancelOrderOutcome =
  | { kind: "not_found" }
  /** The order has a submission not yet processed: the cancellation is refused until it is (retry soon). */
  | { kind: "not_processed" }
  | {
      kind: "cancelled";
      /** Null when nothing is cancelled: only SKUs the order does not have were named. */
      cancellation: OrderCancellation | null;
      invitation: Invitation | null;
      /** False when the order was already cancelled as asked: nothing changed, no event. */
      changed: boolean;
    };

export type CancelInvitationOutcome =
  | { kind: "not_found" }
  /** It is due or skipped: too late to cancel. */
  | { kind: "final"; invitation: Invitation }
  | { kind: "cancelled"; invitation: Invitation; changed: boolean };

export interface DeliveryReport {
  /** The organisation the reporting key acts for; an invitation of another is not found. */
  trkrefs: string[] | "any";
  id: string;
  status: DeliveryStatus;
  now?: string;
}

export type DeliveryOutcome =
  | { kind: "not_found" }
  /** Not yet due (or skipped, or cancelled): nothing was sent to report on. */
  | { kind: "not_due"; invitation: Invitation }
  | { kind: "recorded"; invitation: Invitation; suppressed: boolean };

/** An order's invitation and cancellation, as its read-back shows them. */
export interface OrderInvitationState {
  invitation: Invitation | null;
  cancellation: OrderCancellation | null;
}

/**
 * Review invitations: scheduled by processing (`ProcessingStore`), released at their due time by
 * `releaseDueInvitations`, cancelled with their order or alone, and told of the mailer's delivery. Each
 * writing method is an algorithm of `src/processing/` run in one transaction of the adapter's.
 */
export interface InvitationStore {
  listInvitations(query: InvitationListQuery): Promise<Invitation[]>;
  findInvitation(trkref: string, id: string): Promise<Invitation | undefined>;
  findOrderInvitation(trkref: string, orderRef: string): Promise<OrderInvitationState>;
  /** Checks the scheduled invitations whose due time has passed, oldest first, and makes each due or skipped. */
  releaseDueInvitations(options: ReleaseOptions): Promise<ReleaseReport>;
  cancelOrder(request: CancelOrderRequest): Promise<CancelOrderOutcome>;
  cancelInvitation(request: { trkref: string; id: string; now?: string }): Promise<CancelInvitationOutcome>;
  recordInvitationDelivery(report: DeliveryReport): Promise<DeliveryOutcome>;
}

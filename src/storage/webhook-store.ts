import type { EventType } from "../domain/order-events.js";
import type { StoredEvent } from "./event-store.js";
import type { Attribution } from "./organisation-store.js";

/** Whether an endpoint is sent its events; a disabled one's events are still stored (see `recover`). */
export type WebhookEndpointStatus = "enabled" | "disabled";

/** Why an endpoint was disabled: its receiver answered 410 Gone, or failed every attempt for days. */
export type WebhookDisabledReason = "gone" | "failing";

/** Where events are sent, and which. Never holds its secrets: those are read only to sign. */
export interface WebhookEndpoint {
  /** `we_` and 24 random characters. */
  id: string;
  /** The organisation whose events it receives; null: every organisation's (set up by an operator only). */
  trkref: string | null;
  url: string;
  /** The event types it receives; null: every type, including those a later release adds. */
  eventTypes: EventType[] | null;
  description: string | null;
  status: WebhookEndpointStatus;
  disabledReason: WebhookDisabledReason | null;
  disabledAt: string | null;
  /** When the first of the attempts that have failed since its last success was made; null after a success. */
  failingSince: string | null;
  createdAt: string;
  /** Until when the secret before the last rotation signs beside the current one; null without a rotation. */
  previousSecretValidUntil: string | null;
}

/** The secrets that sign a delivery: the current one, and the previous one during a rotation's grace. */
export interface WebhookSecrets {
  /** `whsec_` and the key in base64, as Standard Webhooks' libraries take it. */
  current: string;
  previous: { secret: string; validUntil: string } | null;
}

export interface NewWebhookEndpoint extends Attribution {
  id: string;
  trkref: string | null;
  url: string;
  eventTypes: EventType[] | null;
  description: string | null;
  secret: string;
  createdAt: string;
}

export interface WebhookSecretRotation extends Attribution {
  id: string;
  secret: string;
  /** Until when the replaced secret still signs (the rotation's time plus its grace). */
  previousValidUntil: string;
}

/** A delivery's place: waiting (or being attempted), done, or given up after its last attempt. */
export type WebhookDeliveryStatus = "pending" | "succeeded" | "failed";

/** One event's delivery to one endpoint: every attempt at it carries the event's id as `webhook-id`. */
export interface WebhookDelivery {
  id: number;
  endpointId: string;
  eventId: string;
  eventType: EventType;
  trkref: string;
  orderRef: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  completedAt: string | null;
}

/** A delivery a deliverer holds under its lease, with what it needs to send it. */
export interface ClaimedDelivery {
  id: number;
  /** Attempts made before this one. */
  attempts: number;
  createdAt: string;
  endpoint: { id: string; url: string; failingSince: string | null; secrets: WebhookSecrets };
  event: StoredEvent;
}

export interface WebhookClaim {
  /** Who holds the leases (one id per deliverer process). */
  owner: string;
  now: string;
  /** Until when the claimed deliveries are this owner's; after that, any deliverer may take them again. */
  leaseUntil: string;
  limit: number;
  /** Endpoints whose deliveries not to take now (those with as many in flight as one endpoint may have). */
  excludeEndpoints: readonly string[];
}

/** How an attempt ended, as the attempt log shows it. */
export type WebhookAttemptResult =
  | "succeeded"
  | "failed_status"
  | "redirect"
  | "gone"
  | "timeout"
  | "connection_error"
  | "address_refused";

/** One attempt, as the log keeps it: never the request's body or headers, at most 1 KiB of the answer. */
export interface WebhookAttempt {
  id: number;
  endpointId: string;
  /** Null for a test ping, which is no delivery. */
  deliveryId: number | null;
  eventId: string;
  attemptedAt: string;
  result: WebhookAttemptResult;
  /** The receiver's HTTP status, when it answered. */
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  /** What went wrong before an answer (refused address, timeout, reset), in the service's words. */
  error: string | null;
}

export type NewWebhookAttempt = Omit<WebhookAttempt, "id">;

/**
 * What one attempt changes, decided by the deliverer (`src/processing/`) and written by the store in one
 * transaction: the attempt logged, the delivery moved on, the endpoint's health. Written only while the
 * delivery is still pending; the attempt is logged whatever.
 */
export interface WebhookAttemptRecord {
  attempt: NewWebhookAttempt & { deliveryId: number };
  /** The lease owner: a delivery another deliverer has taken since is not moved on by this one. */
  owner: string;
  delivery:
    | { status: "succeeded"; completedAt: string }
    | { status: "pending"; nextAttemptAt: string }
    | { status: "failed"; completedAt: string };
  /**
   * Null after a success: the endpoint is healthy. Otherwise the start of the failing run as the claim saw
   * it; the store keeps the start it holds, and when it holds none (a success recorded since the claim)
   * the run starts at this attempt.
   */
  failingSince: string | null;
  /** Disables the endpoint: its pending deliveries wait, and no new ones are queued, until it is recovered. */
  disable?: { reason: WebhookDisabledReason; at: string };
}

/** Which deliveries `listWebhookDeliveries` reads: one endpoint's, newest first, before a delivery id. */
export interface WebhookDeliveryQuery {
  endpointId: string;
  status?: WebhookDeliveryStatus;
  before?: number;
  limit: number;
}

/** Which attempts `listWebhookAttempts` reads: one endpoint's (or one delivery's), newest first. */
export interface WebhookAttemptQuery {
  endpointId: string;
  deliveryId?: number;
  before?: number;
  limit: number;
}

/**
 * Webhook endpoints, the queue of their deliveries and the attempt log. The processing pipeline queues a
 * delivery for each enabled endpoint an event is for, in the transaction that records the event
 * (`ProcessingTransaction.writeEvents`); deliverers take them from here. An action given an Attribution
 * is written to the audit log in its own transaction.
 */
export interface WebhookStore {
  createWebhookEndpoint(endpoint: NewWebhookEndpoint): Promise<WebhookEndpoint>;
  findWebhookEndpoint(id: string): Promise<WebhookEndpoint | undefined>;
  /**
   * Endpoints oldest first: of one organisation (`trkref`), the installation's (`trkref: null`), or every
   * one (no filter).
   */
  listWebhookEndpoints(filter?: { trkref: string | null }): Promise<WebhookEndpoint[]>;
  /** Removes the endpoint with its deliveries and attempts; false when there was none. */
  removeWebhookEndpoint(id: string, by?: Attribution): Promise<boolean>;
  rotateWebhookSecret(rotation: WebhookSecretRotation): Promise<WebhookEndpoint | undefined>;
  /** The secrets that sign for the endpoint now (a test ping is signed with them). */
  findWebhookSecrets(id: string): Promise<WebhookSecrets | undefined>;

  /**
   * Takes up to `limit` deliveries that are due (pending, next attempt reached, no lease in force, endpoint
   * enabled and not excluded) and leases them to `owner`: earliest due first, and never a delivery while an
   * earlier event of the same order (trkref and order_ref) is still pending for the same endpoint, so that
   * an endpoint hears of each order's events in the order they happened. Several deliverers never hold one
   * delivery at once (on PostgreSQL, rows locked with SKIP LOCKED).
   */
  claimWebhookDeliveries(claim: WebhookClaim): Promise<ClaimedDelivery[]>;
  /** Writes what each attempt changes, in the order given, in one transaction (one commit for many attempts). */
  recordWebhookAttempts(records: readonly WebhookAttemptRecord[]): Promise<void>;
  /** Logs a test ping's attempt (no delivery). */
  recordWebhookPing(attempt: NewWebhookAttempt): Promise<void>;
  listWebhookDeliveries(query: WebhookDeliveryQuery): Promise<WebhookDelivery[]>;
  listWebhookAttempts(query: WebhookAttemptQuery): Promise<WebhookAttempt[]>;
  /**
   * Queues the event again for each enabled endpoint it is for (or for `endpointId` only): a delivery that
   * exists is made pending again, due at `now`, its attempts counted afresh (the log keeps the earlier ones);
   * says how many deliveries it queued.
   */
  replayWebhookEvent(
    input: { eventId: string; endpointId?: string; now: string } & Attribution,
  ): Promise<number>;
  /**
   * Enables the endpoint again and queues every event since `since` that it is for and has not received:
   * those it never had a delivery of (stored while it was disabled) and those whose delivery failed. Says
   * how many it queued; undefined when there is no such endpoint.
   */
  recoverWebhookEndpoint(
    input: { id: string; since: string; now: string } & Attribution,
  ): Promise<number | undefined>;
}

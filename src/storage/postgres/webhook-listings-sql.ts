import type { EventType } from "../../domain/order-events.js";
import type {
  WebhookAttempt,
  WebhookAttemptQuery,
  WebhookAttemptResult,
  WebhookDelivery,
  WebhookDeliveryQuery,
  WebhookDeliveryStatus,
} from "../webhook-store.js";
import type { Queryable } from "./organisations-sql.js";

interface DeliveryRow extends Omit<WebhookDelivery, "nextAttemptAt" | "createdAt" | "completedAt"> {
  nextAttemptAt: Date;
  createdAt: Date;
  completedAt: Date | null;
  eventType: EventType;
  status: WebhookDeliveryStatus;
}

interface AttemptRow extends Omit<WebhookAttempt, "attemptedAt"> {
  attemptedAt: Date;
  result: WebhookAttemptResult;
}

/** One endpoint's deliveries, newest first, before a delivery id; NULL parameters are filters not asked for. */
export async function listWebhookDeliveries(
  db: Queryable,
  query: WebhookDeliveryQuery,
): Promise<WebhookDelivery[]> {
  const { rows } = await db.query<DeliveryRow>(
    `SELECT d.id, d.endpoint_id AS "endpointId", e.id AS "eventId", e.type AS "eventType", d.trkref,
       d.order_ref AS "orderRef", d.status, d.attempts, d.next_attempt_at AS "nextAttemptAt",
       d.created_at AS "createdAt", d.completed_at AS "completedAt"
     FROM webhook_deliveries d JOIN events e ON e.seq = d.event_seq
     WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2) AND ($3::bigint IS NULL OR d.id < $3)
     ORDER BY d.id DESC LIMIT $4`,
    [query.endpointId, query.status ?? null, query.before ?? null, query.limit],
  );
  return rows.map((row) => ({
    ...row,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  }));
}

/** One endpoint's (or one delivery's) attempts, newest first, before an attempt id. */
export async function listWebhookAttempts(
  db: Queryable,
  query: WebhookAttemptQuery,
): Promise<WebhookAttempt[]> {
  const { rows } = await db.query<AttemptRow>(
    `SELECT id, endpoint_id AS "endpointId", delivery_id AS "deliveryId", event_id AS "eventId",
       attempted_at AS "attemptedAt", result, status_code AS "statusCode", latency_ms AS "latencyMs",
       response_excerpt AS "responseExcerpt", error
     FROM webhook_attempts
     WHERE endpoint_id = $1 AND ($2::bigint IS NULL OR delivery_id = $2) AND ($3::bigint IS NULL OR id < $3)
     ORDER BY id DESC LIMIT $4`,
    [query.endpointId, query.deliveryId ?? null, query.before ?? null, query.limit],
  );
  return rows.map((row) => ({ ...row, attemptedAt: row.attemptedAt.toISOString() }));
}

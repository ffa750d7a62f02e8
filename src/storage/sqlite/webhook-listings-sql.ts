import type Database from "better-sqlite3";
import type {
  WebhookAttempt,
  WebhookAttemptQuery,
  WebhookDelivery,
  WebhookDeliveryQuery,
} from "../webhook-store.js";

const DELIVERY_COLUMNS = `SELECT d.id, d.endpoint_id AS endpointId, e.id AS eventId, e.type AS eventType, d.trkref,
    d.order_ref AS orderRef, d.status, d.attempts, d.next_attempt_at AS nextAttemptAt, d.created_at AS createdAt,
    d.completed_at AS completedAt
  FROM webhook_deliveries d JOIN events e ON e.seq = d.event_seq`;

const ATTEMPT_COLUMNS = `SELECT id, endpoint_id AS endpointId, delivery_id AS deliveryId, event_id AS eventId,
    attempted_at AS attemptedAt, result, status_code AS statusCode, latency_ms AS latencyMs,
    response_excerpt AS responseExcerpt, error
  FROM webhook_attempts`;

/** An endpoint's deliveries and attempt log on SQLite, newest first, a keyset page at a time. */
export function createWebhookListings(db: Database.Database) {
  // NULL parameters stand for filters not asked for; each listing stays one statement.
  const deliveries = db.prepare(
    `${DELIVERY_COLUMNS} WHERE d.endpoint_id = :endpoint AND (:status IS NULL OR d.status = :status)
       AND (:before IS NULL OR d.id < :before)
     ORDER BY d.id DESC LIMIT :limit`,
  );
  const attempts = db.prepare(
    `${ATTEMPT_COLUMNS} WHERE endpoint_id = :endpoint AND (:delivery IS NULL OR delivery_id = :delivery)
       AND (:before IS NULL OR id < :before)
     ORDER BY id DESC LIMIT :limit`,
  );
  return {
    deliveries: (query: WebhookDeliveryQuery): WebhookDelivery[] =>
      deliveries.all({
        endpoint: query.endpointId,
        status: query.status ?? null,
        before: query.before ?? null,
        limit: query.limit,
      }) as WebhookDelivery[],
    attempts: (query: WebhookAttemptQuery): WebhookAttempt[] =>
      attempts.all({
        endpoint: query.endpointId,
        delivery: query.deliveryId ?? null,
        before: query.before ?? null,
        limit: query.limit,
      }) as WebhookAttempt[],
  };
}

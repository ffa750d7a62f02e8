import type Database from "better-sqlite3";
import { type ClaimRow, webhookRowReaders } from "../webhook-columns.js";
import type {
  ClaimedDelivery,
  NewWebhookAttempt,
  WebhookAttemptRecord,
  WebhookClaim,
} from "../webhook-store.js";
import { writeTransaction } from "./write-transaction.js";

// SQLite keeps times as the ISO text the store was given.
const { toClaimed } = webhookRowReaders((time: string) => time);

// Due, unleased, of an enabled endpoint not excluded, and not behind an earlier pending event of its order
// for the same endpoint (whether that one is leased or waiting for its next attempt): per order, in order.
const SELECT_DUE = `SELECT d.id, d.attempts, d.created_at, w.id AS endpoint_id, w.url, w.failing_since, w.secret,
    CASE WHEN w.previous_secret_valid_until > :now THEN w.previous_secret END AS previous_secret,
    w.previous_secret_valid_until, e.seq AS event_seq, e.id AS event_id, e.type, e.trkref, e.order_ref,
    e.sequence, e.created_at AS event_created_at, e.data
  FROM webhook_deliveries d
    JOIN webhook_endpoints w ON w.id = d.endpoint_id
    JOIN events e ON e.seq = d.event_seq
  WHERE d.status = 'pending' AND d.next_attempt_at <= :now
    AND (d.lease_expires_at IS NULL OR d.lease_expires_at < :now)
    AND w.status = 'enabled' AND w.id NOT IN (SELECT value FROM json_each(:excluded))
    AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
      WHERE p.endpoint_id = d.endpoint_id AND p.trkref = d.trkref AND p.order_ref = d.order_ref
        AND p.status = 'pending' AND p.event_seq < d.event_seq)
  ORDER BY d.next_attempt_at, d.id LIMIT :limit`;

/**
 * The delivery queue on SQLite: claims under a lease and the writes of an attempt. The store is one
 * connection, so a claim's read and its leases are one transaction and no other claim can come between.
 */
export function createWebhookDeliveryQueries(db: Database.Database) {
  const selectDue = db.prepare(SELECT_DUE);
  const lease = db.prepare(
    "UPDATE webhook_deliveries SET lease_owner = ?, lease_expires_at = ? WHERE id = ?",
  );
  // Nothing to log against an endpoint removed, or a delivery deleted with its event, while it was tried.
  const insertAttempt = db.prepare(
    `INSERT INTO webhook_attempts (endpoint_id, delivery_id, event_id, attempted_at, result, status_code,
       latency_ms, response_excerpt, error)
     SELECT :endpointId, :deliveryId, :eventId, :attemptedAt, :result, :statusCode, :latencyMs,
       :responseExcerpt, :error
     WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = :endpointId)
       AND (:deliveryId IS NULL OR EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = :deliveryId))`,
  );
  // Only the holder of the lease moves the delivery on, and only while it is pending.
  const moveOn = db.prepare(
    `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1,
       next_attempt_at = coalesce(?, next_attempt_at), completed_at = ?, lease_owner = NULL, lease_expires_at = NULL
     WHERE id = ? AND status = 'pending' AND lease_owner = ?`,
  );
  // A failure keeps the start of the failing run already recorded: a success recorded since this delivery
  // was claimed cleared it, and the run then starts at this attempt, not at what the claim saw.
  const clearFailingSince = db.prepare(
    "UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL",
  );
  const startFailingRun = db.prepare(
    "UPDATE webhook_endpoints SET failing_since = ? WHERE id = ? AND failing_since IS NULL",
  );
  const disable = db.prepare(
    `UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = ?, disabled_at = ?
     WHERE id = ? AND status = 'enabled'`,
  );
  const logAttempt = (attempt: NewWebhookAttempt): void => {
    const { endpointId, deliveryId, eventId, attemptedAt, result, statusCode, latencyMs } = attempt;
    const { responseExcerpt, error } = attempt;
    insertAttempt.run({
      endpointId,
      deliveryId,
      eventId,
      attemptedAt,
      result,
      statusCode,
      latencyMs,
      responseExcerpt,
      error,
    });
  };

  const claim = writeTransaction(db, (request: WebhookClaim): ClaimedDelivery[] => {
    const rows = selectDue.all({
      now: request.now,
      excluded: JSON.stringify(request.excludeEndpoints),
      limit: request.limit,
    }) as ClaimRow<string>[];
    for (const row of rows) lease.run(request.owner, request.leaseUntil, row.id);
    return rows.map(toClaimed);
  });
  const record = writeTransaction(db, (records: readonly WebhookAttemptRecord[]): void => {
    for (const record of records) recordOne(record);
  });
  function recordOne(record: WebhookAttemptRecord): void {
    const { attempt, delivery } = record;
    logAttempt(attempt);
    const nextAttemptAt = delivery.status === "pending" ? delivery.nextAttemptAt : null;
    const completedAt = delivery.status === "pending" ? null : delivery.completedAt;
    const moved = moveOn.run(delivery.status, nextAttemptAt, completedAt, attempt.deliveryId, record.owner);
    // Another deliverer holds the delivery now: what this attempt tells of the endpoint is for it to write.
    if (moved.changes === 0) return;
    if (record.failingSince === null) clearFailingSince.run(attempt.endpointId);
    else startFailingRun.run(attempt.attemptedAt, attempt.endpointId);
    if (record.disable) disable.run(record.disable.reason, record.disable.at, attempt.endpointId);
  }

  return { claim, record, recordPing: writeTransaction(db, logAttempt) };
}

import { type ClaimRow, webhookRowReaders } from "../webhook-columns.js";
import type { ClaimedDelivery, NewWebhookAttempt, WebhookClaim } from "../webhook-store.js";
import type { Queryable } from "./organisations-sql.js";
import { secretColumns } from "./webhook-endpoints-sql.js";

// pg reads a timestamptz as a Date.
const { toClaimed } = webhookRowReaders((time: Date) => time.toISOString());

// One statement: the due deliveries locked (those another claimer has locked are skipped), leased, and read
// with their endpoint and event. The NOT EXISTS reads without locking, so a delivery another claimer holds
// locked still counts as its order's earlier pending event, and the order's later events wait behind it.
const CLAIM = `WITH claimed AS (
    UPDATE webhook_deliveries SET lease_owner = $1, lease_expires_at = $2
    WHERE id IN (
      SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= $3
        AND (d.lease_expires_at IS NULL OR d.lease_expires_at < $3)
        AND w.status = 'enabled' AND w.id <> ALL ($4::text[])
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
          WHERE p.endpoint_id = d.endpoint_id AND p.trkref = d.trkref AND p.order_ref = d.order_ref
            AND p.status = 'pending' AND p.event_seq < d.event_seq)
      ORDER BY d.next_attempt_at, d.id LIMIT $5
      FOR UPDATE OF d SKIP LOCKED)
    RETURNING id, attempts, created_at, endpoint_id, event_seq, next_attempt_at)
  SELECT c.id, c.attempts, c.created_at, w.id AS endpoint_id, w.url, w.failing_since, ${secretColumns("$3")},
    e.seq AS event_seq, e.id AS event_id, e.type, e.trkref, e.order_ref, e.sequence,
    e.created_at AS event_created_at, e.data::text AS data
  FROM claimed c JOIN webhook_endpoints w ON w.id = c.endpoint_id JOIN events e ON e.seq = c.event_seq
  ORDER BY c.next_attempt_at, c.id`;

/** Leases up to `claim.limit` due deliveries to `claim.owner`, in one statement outside any transaction. */
export async function claimWebhookDeliveries(db: Queryable, claim: WebhookClaim): Promise<ClaimedDelivery[]> {
  const { rows } = await db.query<ClaimRow<Date>>(CLAIM, [
    claim.owner,
    claim.leaseUntil,
    claim.now,
    [...claim.excludeEndpoints],
    claim.limit,
  ]);
  return rows.map(toClaimed);
}

async function insertAttempt(db: Queryable, attempt: NewWebhookAttempt): Promise<void> {
  await db.query(
    // Nothing to log against an endpoint removed, or a delivery deleted with its event, while it was tried.
    `INSERT INTO webhook_attempts (endpoint_id, delivery_id, event_id, attempted_at, result, status_code,
       latency_ms, response_excerpt, error)
     SELECT $1::text, $2::bigint, $3::text, $4::timestamptz, $5::text, $6::integer, $7::integer, $8::text, $9::text
     WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = $1)
       AND ($2 IS NULL OR EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = $2))`,
    [
      attempt.endpointId,
      attempt.deliveryId,
      attempt.eventId,
      attempt.attemptedAt,
      attempt.result,
      attempt.statusCode,
      attempt.latencyMs,
      attempt.responseExcerpt,
      attempt.error,
    ],
  );
}

/** Logs a test ping's attempt. */
export const insertWebhookPing = insertAttempt;

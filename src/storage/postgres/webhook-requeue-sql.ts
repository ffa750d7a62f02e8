import type { Attribution } from "../organisation-store.js";
import { webhookAuditEntry } from "../webhook-columns.js";
import { insertAuditEntry } from "./audit-sql.js";
import { ENDPOINT_IS_FOR_EVENT, findEvent } from "./events-sql.js";
import type { Queryable } from "./organisations-sql.js";

/**
 * Due now, unleased, its attempts counted from 0 again: a delivery sent again on purpose gets the whole retry
 * schedule, not the rest of one it may have used up. The attempt log keeps the earlier attempts.
 */
const REVIVE = `ON CONFLICT (endpoint_id, event_seq) DO UPDATE SET status = 'pending', attempts = 0,
  next_attempt_at = excluded.next_attempt_at, lease_owner = NULL, lease_expires_at = NULL, completed_at = NULL`;

/**
 * Queues the event again for the enabled endpoints it is for (or `endpointId` only, if it is one of them):
 * a pending delivery is left as it is, on its way already. The caller holds the transaction.
 */
export async function requeueWebhookEvent(
  db: Queryable,
  input: { eventId: string; endpointId?: string; now: string } & Attribution,
): Promise<number> {
  const entry = webhookAuditEntry(input, "webhook.replayed", input.eventId, input.now);
  const event = await findEvent(db, input.eventId);
  if (!event) return 0;
  const { rowCount } = await db.query(
    `INSERT INTO webhook_deliveries (endpoint_id, event_seq, trkref, order_ref, next_attempt_at, created_at)
     SELECT w.id, e.seq, e.trkref, e.order_ref, $1::timestamptz, $1::timestamptz FROM events e JOIN webhook_endpoints w
       ON ${ENDPOINT_IS_FOR_EVENT} AND w.status = 'enabled' AND ($2::text IS NULL OR w.id = $2)
     WHERE e.seq = $3
     ${REVIVE} WHERE webhook_deliveries.status <> 'pending'`,
    [input.now, input.endpointId ?? null, event.seq],
  );
  const queued = rowCount ?? 0;
  // A replay that queued nothing (every delivery on its way already) changed nothing: not logged.
  if (entry && queued > 0) {
    await insertAuditEntry(db, { ...entry, details: { endpoint_id: input.endpointId ?? null, queued } });
  }
  return queued;
}

/**
 * Enables the endpoint and queues the events since `since` it is for and never had a delivery of, or whose
 * delivery failed (a succeeded one is not sent again); undefined when there is no such endpoint. The
 * caller holds the transaction.
 */
export async function recoverWebhookEndpoint(
  db: Queryable,
  input: { id: string; since: string; now: string } & Attribution,
): Promise<number | undefined> {
  const entry = webhookAuditEntry(input, "webhook.recovered", input.id, input.now);
  const enabled = await db.query(
    `UPDATE webhook_endpoints SET status = 'enabled', disabled_reason = NULL, disabled_at = NULL,
       failing_since = NULL WHERE id = $1`,
    [input.id],
  );
  if (enabled.rowCount === 0) return undefined;
  const { rowCount } = await db.query(
    `INSERT INTO webhook_deliveries (endpoint_id, event_seq, trkref, order_ref, next_attempt_at, created_at)
     SELECT w.id, e.seq, e.trkref, e.order_ref, $1::timestamptz, $1::timestamptz FROM events e JOIN webhook_endpoints w
       ON ${ENDPOINT_IS_FOR_EVENT} AND w.id = $2
     WHERE e.created_at >= $3
     ${REVIVE} WHERE webhook_deliveries.status = 'failed'`,
    [input.now, input.id, input.since],
  );
  const queued = rowCount ?? 0;
  if (entry) await insertAuditEntry(db, { ...entry, details: { since: input.since, queued } });
  return queued;
}

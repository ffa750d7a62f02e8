import type Database from "better-sqlite3";
import type { Attribution } from "../organisation-store.js";
import { webhookAuditEntry } from "../webhook-columns.js";
import type { createAuditQueries } from "./audit-sql.js";
import { ENDPOINT_IS_FOR_EVENT } from "./events-sql.js";
import { writeTransaction } from "./write-transaction.js";

/**
 * Due now, unleased, its attempts counted from 0 again: a delivery sent again on purpose gets the whole retry
 * schedule, not the rest of one it may have used up. The attempt log keeps the earlier attempts.
 */
const REVIVE = `ON CONFLICT (endpoint_id, event_seq) DO UPDATE SET status = 'pending', attempts = 0,
  next_attempt_at = excluded.next_attempt_at, lease_owner = NULL, lease_expires_at = NULL, completed_at = NULL`;

/**
 * Deliveries queued again on SQLite: one event to its endpoints (replay), or an endpoint's events since a
 * time after it is enabled again (recover), each with its audit entry in its transaction.
 */
export function createWebhookRequeueQueries(
  db: Database.Database,
  audit: ReturnType<typeof createAuditQueries>,
) {
  const findEvent = db.prepare("SELECT seq FROM events WHERE id = ?");
  // A pending delivery is left as it is: it is on its way already.
  const replayEvent = db.prepare(
    `INSERT INTO webhook_deliveries (endpoint_id, event_seq, trkref, order_ref, next_attempt_at, created_at)
     SELECT w.id, e.seq, e.trkref, e.order_ref, :now, :now FROM events e JOIN webhook_endpoints w
       ON ${ENDPOINT_IS_FOR_EVENT} AND w.status = 'enabled' AND (:endpoint IS NULL OR w.id = :endpoint)
     WHERE e.seq = :seq
     ${REVIVE} WHERE webhook_deliveries.status <> 'pending'`,
  );
  const endpointExists = db.prepare("SELECT 1 FROM webhook_endpoints WHERE id = ?");
  const enable = db.prepare(
    `UPDATE webhook_endpoints SET status = 'enabled', disabled_reason = NULL, disabled_at = NULL,
       failing_since = NULL WHERE id = ?`,
  );
  // What it never had a delivery of, and what failed; a succeeded delivery is not sent again.
  const queueSince = db.prepare(
    `INSERT INTO webhook_deliveries (endpoint_id, event_seq, trkref, order_ref, next_attempt_at, created_at)
     SELECT w.id, e.seq, e.trkref, e.order_ref, :now, :now FROM events e JOIN webhook_endpoints w
       ON ${ENDPOINT_IS_FOR_EVENT} AND w.id = :endpoint
     WHERE e.created_at >= :since
     ${REVIVE} WHERE webhook_deliveries.status = 'failed'`,
  );

  const replay = writeTransaction(
    db,
    (input: { eventId: string; endpointId?: string; now: string } & Attribution): number => {
      const entry = webhookAuditEntry(input, "webhook.replayed", input.eventId, input.now);
      const event = findEvent.get(input.eventId) as { seq: number } | undefined;
      if (!event) return 0;
      const queued = replayEvent.run({
        now: input.now,
        endpoint: input.endpointId ?? null,
        seq: event.seq,
      }).changes;
      // A replay that queued nothing (every delivery on its way already) changed nothing: not logged.
      if (entry && queued > 0) {
        audit.insert({ ...entry, details: { endpoint_id: input.endpointId ?? null, queued } });
      }
      return queued;
    },
  );
  const recover = writeTransaction(
    db,
    (input: { id: string; since: string; now: string } & Attribution): number | undefined => {
      const entry = webhookAuditEntry(input, "webhook.recovered", input.id, input.now);
      if (!endpointExists.get(input.id)) return undefined;
      enable.run(input.id);
      const queued = queueSince.run({ now: input.now, endpoint: input.id, since: input.since }).changes;
      if (entry) audit.insert({ ...entry, details: { since: input.since, queued } });
      return queued;
    },
  );
  return { replay, recover };
}

import type { WebhookAttemptRecord } from "../webhook-store.js";
import type { Queryable } from "./organisations-sql.js";

// Nothing to log against an endpoint removed, or a delivery deleted with its event, while it was tried.
const INSERT_ATTEMPTS = `INSERT INTO webhook_attempts (endpoint_id, delivery_id, event_id, attempted_at, result,
    status_code, latency_ms, response_excerpt, error)
  SELECT u.* FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::text[], $6::integer[],
    $7::integer[], $8::text[], $9::text[]) AS u(endpoint_id, delivery_id, event_id, attempted_at, result,
    status_code, latency_ms, response_excerpt, error)
  WHERE EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.id = u.endpoint_id)
    AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = u.delivery_id)`;

// Only the holder of the lease moves a delivery on, and only while it is pending.
const MOVE_ON = `UPDATE webhook_deliveries d SET status = u.status, attempts = d.attempts + 1,
    next_attempt_at = coalesce(u.next_attempt_at, d.next_attempt_at), completed_at = u.completed_at,
    lease_owner = NULL, lease_expires_at = NULL
  FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[])
    AS u(id, status, next_attempt_at, completed_at, owner)
  WHERE d.id = u.id AND d.status = 'pending' AND d.lease_owner = u.owner
  RETURNING d.id`;

/**
 * What a run of attempts, in order, does to one endpoint's failing-since (see `WebhookAttemptRecord`): a
 * success clears it, a failure sets it to its attempt's time when it is clear. So the run's last success
 * decides: none, and the first failure's time is set if the endpoint has none; one followed by failures,
 * and the first of those sets it whatever it held; one last, and it is cleared.
 */
function healthAfter(records: WebhookAttemptRecord[]) {
  let cleared = false;
  let failedAt: string | undefined;
  for (const record of records) {
    if (record.failingSince === null) {
      cleared = true;
      failedAt = undefined;
    } else failedAt ??= record.attempt.attemptedAt;
  }
  if (failedAt === undefined) return cleared ? { clear: true as const } : undefined;
  return { failingSince: failedAt, whatever: cleared };
}

/**
 * Writes what each attempt changes (see `WebhookAttemptRecord`), in the order given, in a handful of
 * statements whatever their number; the caller holds the transaction.
 */
export async function writeWebhookAttempts(db: Queryable, records: readonly WebhookAttemptRecord[]) {
  if (records.length === 0) return;
  const attempts = records.map((r) => r.attempt);
  const column = <K extends keyof (typeof attempts)[number]>(key: K) => attempts.map((a) => a[key]);
  await db.query(INSERT_ATTEMPTS, [
    column("endpointId"),
    column("deliveryId"),
    column("eventId"),
    column("attemptedAt"),
    column("result"),
    column("statusCode"),
    column("latencyMs"),
    column("responseExcerpt"),
    column("error"),
  ]);
  const { rows } = await db.query<{ id: number }>(MOVE_ON, [
    records.map((r) => r.attempt.deliveryId),
    records.map((r) => r.delivery.status),
    records.map((r) => (r.delivery.status === "pending" ? r.delivery.nextAttemptAt : null)),
    records.map((r) => (r.delivery.status === "pending" ? null : r.delivery.completedAt)),
    records.map((r) => r.owner),
  ]);
  // Another deliverer holds a delivery not moved on: what its attempt tells of the endpoint is for it to write.
  const moved = new Set(rows.map((row) => row.id));
  const byEndpoint = new Map<string, WebhookAttemptRecord[]>();
  for (const record of records) {
    if (!moved.has(record.attempt.deliveryId)) continue;
    byEndpoint.set(record.attempt.endpointId, [...(byEndpoint.get(record.attempt.endpointId) ?? []), record]);
  }
  const clear: string[] = [];
  const set: { id: string; at: string; whatever: boolean }[] = [];
  const disable: { id: string; reason: string; at: string }[] = [];
  for (const [id, run] of byEndpoint) {
    const health = healthAfter(run);
    if (health && "clear" in health) clear.push(id);
    else if (health) set.push({ id, at: health.failingSince, whatever: health.whatever });
    const disabling = run.find((record) => record.disable)?.disable;
    if (disabling) disable.push({ id, reason: disabling.reason, at: disabling.at });
  }
  if (clear.length > 0) {
    await db.query(
      "UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ANY($1::text[]) AND failing_since IS NOT NULL",
      [clear],
    );
  }
  if (set.length > 0) {
    await db.query(
      `UPDATE webhook_endpoints w SET failing_since = u.at
       FROM unnest($1::text[], $2::timestamptz[], $3::boolean[]) AS u(id, at, whatever)
       WHERE w.id = u.id AND (u.whatever OR w.failing_since IS NULL)`,
      [set.map((s) => s.id), set.map((s) => s.at), set.map((s) => s.whatever)],
    );
  }
  if (disable.length > 0) {
    await db.query(
      `UPDATE webhook_endpoints w SET status = 'disabled', disabled_reason = u.reason, disabled_at = u.at
       FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(id, reason, at)
       WHERE w.id = u.id AND w.status = 'enabled'`,
      [disable.map((d) => d.id), disable.map((d) => d.reason), disable.map((d) => d.at)],
    );
  }
}

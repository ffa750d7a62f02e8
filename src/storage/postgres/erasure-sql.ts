import type pg from "pg";
import type { ErasedSubmission, FoundOrder, FoundSubmission } from "../erasure-io.js";
import {
  ERASURE_REQUEST_COLUMNS,
  type ErasureRequestColumns,
  toErasureRequestRecord,
} from "../erasure-request-columns.js";
import type { ErasureCounts, ErasureRequestRecord } from "../privacy-store.js";
import { submissionDocument } from "../stored-documents.js";
import { isUuid } from "./submissions-sql.js";

interface ErasureRequestRow extends Omit<ErasureRequestColumns, "requested_at" | "completed_at"> {
  requested_at: Date;
  completed_at: Date | null;
}

/**
 * The request if it is still pending, its row locked until the transaction ends; one another process holds
 * is skipped, as taken.
 */
export async function claimErasureRequest(
  client: pg.PoolClient,
  id: string,
): Promise<ErasureRequestRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await client.query<ErasureRequestRow>(
    `SELECT ${ERASURE_REQUEST_COLUMNS} FROM erasure_requests WHERE id = $1 AND status = 'pending'
     FOR UPDATE SKIP LOCKED`,
    [id],
  );
  const row = rows[0];
  return (
    row &&
    toErasureRequestRecord({
      ...row,
      requested_at: row.requested_at.toISOString(),
      completed_at: row.completed_at?.toISOString() ?? null,
    })
  );
}

export async function completeErasureRequest(
  client: pg.PoolClient,
  id: string,
  counts: ErasureCounts,
  now: string,
): Promise<void> {
  await client.query(
    "UPDATE erasure_requests SET status = 'completed', completed_at = $2, counts = $3 WHERE id = $1",
    [id, now, JSON.stringify(counts)],
  );
}

/** Through orders_by_customer and orders_by_customer_ref, one range of each per hash. */
export async function findOrders(
  client: pg.PoolClient,
  trkref: string,
  by: { customerHashes: string[]; customerRefHashes: string[] },
): Promise<FoundOrder[]> {
  const { rows } = await client.query<FoundOrder>(
    `SELECT order_ref AS "orderRef", customer_hash AS "customerHash" FROM orders
       WHERE trkref = $1 AND customer_hash = ANY($2::text[])
     UNION
     SELECT order_ref, customer_hash FROM orders WHERE trkref = $1 AND customer_ref_hash = ANY($3::text[])`,
    [trkref, by.customerHashes, by.customerRefHashes],
  );
  return rows.sort((a, b) => (a.orderRef < b.orderRef ? -1 : 1));
}

/**
 * The pending ones first, through the pending queue, locked: a processor holding one is waited for, and what
 * it left is settled by then, so the next statement (a later snapshot) finds it among the settled ones,
 * through submissions_settled_by_customer and the per-order index.
 */
export async function findSubmissions(
  client: pg.PoolClient,
  trkref: string,
  by: { customerHashes: string[]; orderRefs: string[] },
): Promise<FoundSubmission[]> {
  const params = [trkref, by.customerHashes, by.orderRefs];
  const { rows: pending } = await client.query<{ seq: number; orderRef: string }>(
    `SELECT seq, order_ref AS "orderRef" FROM submissions
       WHERE status = 'accepted' AND trkref = $1 AND erased_at IS NULL
         AND (customer_hash = ANY($2::text[]) OR order_ref = ANY($3::text[]))
     ORDER BY seq FOR UPDATE`,
    params,
  );
  const { rows: settled } = await client.query<{ seq: number; orderRef: string }>(
    `SELECT seq, order_ref AS "orderRef" FROM submissions
       WHERE trkref = $1 AND customer_hash = ANY($2::text[]) AND status <> 'accepted' AND erased_at IS NULL
     UNION
     SELECT seq, order_ref FROM submissions
       WHERE trkref = $1 AND order_ref = ANY($3::text[]) AND status <> 'accepted' AND erased_at IS NULL`,
    params,
  );
  const found = new Map<number, FoundSubmission>();
  for (const { seq, orderRef } of settled) found.set(seq, { seq, orderRef, pending: false });
  for (const { seq, orderRef } of pending) found.set(seq, { seq, orderRef, pending: true });
  return [...found.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Locks the orders first (in one order, so that two erasures cannot deadlock): no processor can replace
 * their items meanwhile, and the items counted in the next statement are the ones the cascade deletes.
 */
export async function deleteOrders(
  client: pg.PoolClient,
  trkref: string,
  orderRefs: string[],
): Promise<{ orderRefs: string[]; items: number }> {
  if (orderRefs.length === 0) return { orderRefs: [], items: 0 };
  await client.query(
    `SELECT 1 FROM orders WHERE trkref = $1 AND order_ref = ANY($2::text[])
     ORDER BY order_ref COLLATE "C" FOR UPDATE`,
    [trkref, orderRefs],
  );
  const { rows } = await client.query<{ deleted: string[]; items: number }>(
    `WITH deleted AS (DELETE FROM orders WHERE trkref = $1 AND order_ref = ANY($2::text[]) RETURNING order_ref)
     SELECT ARRAY(SELECT order_ref FROM deleted ORDER BY order_ref COLLATE "C") AS deleted,
       (SELECT count(*)::int FROM order_items i JOIN deleted d ON i.order_ref = d.order_ref
          WHERE i.trkref = $1) AS items`,
    [trkref, orderRefs],
  );
  const row = rows[0];
  return { orderRefs: row?.deleted ?? [], items: row?.items ?? 0 };
}

/** One statement for them all; a pending one is failed as well. */
export async function eraseSubmissions(
  client: pg.PoolClient,
  erased: ErasedSubmission[],
  now: string,
): Promise<void> {
  if (erased.length === 0) return;
  await client.query(
    `UPDATE submissions s SET document = u.document, document_version = $5, raw = '', erased_at = $6,
       status = CASE WHEN u.code IS NULL THEN s.status ELSE 'failed' END,
       failure_code = coalesce(u.code, s.failure_code),
       failure_reason = coalesce(u.reason, s.failure_reason),
       processed_at = CASE WHEN u.code IS NULL THEN s.processed_at ELSE $6 END
     FROM unnest($1::bigint[], $2::json[], $3::text[], $4::text[]) AS u(seq, document, code, reason)
     WHERE s.seq = u.seq`,
    [
      erased.map((e) => e.seq),
      erased.map((e) => JSON.stringify(e.document)),
      erased.map((e) => e.failure?.code ?? null),
      erased.map((e) => e.failure?.reason ?? null),
      submissionDocument.current,
      now,
    ],
  );
}

/**
 * One statement: the events through events_by_order (the text compared is the one written, so an event
 * redacted before is left as it is), the attempts through webhook_deliveries_by_event and
 * webhook_attempts_by_delivery.
 */
export async function redactEvents(
  client: pg.PoolClient,
  trkref: string,
  orderRefs: string[],
  data: Record<string, unknown>,
): Promise<{ events: number; attempts: number }> {
  if (orderRefs.length === 0) return { events: 0, attempts: 0 };
  const { rows } = await client.query<{ events: number; attempts: number }>(
    `WITH redacted AS (
       UPDATE events SET data = $3::text::json
       WHERE trkref = $1 AND order_ref = ANY($2::text[]) AND type <> 'order.erased' AND data::text <> $3::text
       RETURNING 1),
     emptied AS (
       UPDATE webhook_attempts a SET response_excerpt = NULL, error = NULL
       FROM events e JOIN webhook_deliveries d ON d.event_seq = e.seq
       WHERE e.trkref = $1 AND e.order_ref = ANY($2::text[]) AND a.delivery_id = d.id
         AND (a.response_excerpt IS NOT NULL OR a.error IS NOT NULL)
       RETURNING 1)
     SELECT (SELECT count(*)::int FROM redacted) AS events, (SELECT count(*)::int FROM emptied) AS attempts`,
    [trkref, orderRefs, JSON.stringify(data)],
  );
  return rows[0] ?? { events: 0, attempts: 0 };
}

/** The idempotency records whose answers hold these customers' data, through idempotency_customers_by_customer. */
export async function deleteIdempotencyRecords(
  client: pg.PoolClient,
  trkref: string,
  customerHashes: string[],
): Promise<number> {
  if (customerHashes.length === 0) return 0;
  const { rowCount } = await client.query(
    `DELETE FROM idempotency_records r USING idempotency_customers c
      WHERE c.trkref = $1 AND c.customer_hash = ANY($2::text[])
        AND r.key_id = c.key_id AND r.idempotency_key = c.idempotency_key`,
    [trkref, customerHashes],
  );
  return rowCount ?? 0;
}

/**
 * Erases the orders' invitations that still hold a customer's hash or products (one erased before is left
 * as it is, and not counted), a scheduled one skipped as erased; deletes the orders' cancellations.
 */
export async function eraseInvitations(
  client: pg.PoolClient,
  trkref: string,
  orderRefs: string[],
  now: string,
): Promise<number> {
  if (orderRefs.length === 0) return 0;
  const { rowCount } = await client.query(
    `UPDATE invitations SET customer_hash = NULL, products = '[]'::jsonb, updated_at = $3,
       reason = CASE WHEN status = 'scheduled' THEN 'erased' ELSE reason END,
       status = CASE WHEN status = 'scheduled' THEN 'skipped' ELSE status END
     WHERE trkref = $1 AND order_ref = ANY($2::text[])
       AND (customer_hash IS NOT NULL OR products <> '[]'::jsonb)`,
    [trkref, orderRefs, now],
  );
  await client.query("DELETE FROM order_cancellations WHERE trkref = $1 AND order_ref = ANY($2::text[])", [
    trkref,
    orderRefs,
  ]);
  return rowCount ?? 0;
}

import type Database from "better-sqlite3";
import type { ErasedSubmission, FoundOrder, FoundSubmission } from "../erasure-io.js";
import {
  ERASURE_REQUEST_COLUMNS,
  type ErasureRequestColumns,
  toErasureRequestRecord,
} from "../erasure-request-columns.js";
import type { ErasureCounts, ErasureRequestRecord } from "../privacy-store.js";
import { submissionDocument } from "../stored-documents.js";

/**
 * The statements of an erasure on SQLite, one lookup of one index per hash or order: in-process, a statement
 * per value costs no round trip. The caller holds the write transaction.
 */
export function createErasureQueries(db: Database.Database) {
  const claim = db.prepare(
    `SELECT ${ERASURE_REQUEST_COLUMNS} FROM erasure_requests WHERE id = ? AND status = 'pending'`,
  );
  const complete = db.prepare(
    "UPDATE erasure_requests SET status = 'completed', completed_at = ?, counts = ? WHERE id = ?",
  );
  // orders_by_customer and orders_by_customer_ref.
  const ordersByHash = db.prepare(
    "SELECT order_ref AS orderRef, customer_hash AS customerHash FROM orders WHERE trkref = ? AND customer_hash = ?",
  );
  const ordersByRefHash = db.prepare(
    `SELECT order_ref AS orderRef, customer_hash AS customerHash FROM orders
       WHERE trkref = ? AND customer_ref_hash = ?`,
  );
  // Settled submissions through submissions_settled_by_customer and submissions_settled_by_order.
  const settledByHash = db.prepare(
    `SELECT seq, order_ref AS orderRef FROM submissions
       WHERE trkref = ? AND customer_hash = ? AND status <> 'accepted' AND erased_at IS NULL`,
  );
  const settledByOrder = db.prepare(
    `SELECT seq, order_ref AS orderRef FROM submissions
       WHERE trkref = ? AND order_ref = ? AND status <> 'accepted' AND erased_at IS NULL`,
  );
  // Pending ones through the pending queue, which the processor keeps short.
  const pending = db.prepare(
    `SELECT seq, order_ref AS orderRef, customer_hash AS customerHash FROM submissions
       WHERE status = 'accepted' AND trkref = ? AND erased_at IS NULL ORDER BY seq`,
  );
  const countItems = db
    .prepare("SELECT count(*) FROM order_items WHERE trkref = ? AND order_ref = ?")
    .pluck();
  // Its items go with it (ON DELETE CASCADE).
  const deleteOrder = db.prepare("DELETE FROM orders WHERE trkref = ? AND order_ref = ?");
  const eraseSettled = db.prepare(
    "UPDATE submissions SET document = ?, document_version = ?, raw = '', erased_at = ? WHERE seq = ?",
  );
  const erasePending = db.prepare(
    `UPDATE submissions SET document = ?, document_version = ?, raw = '', erased_at = ?, status = 'failed',
       failure_code = ?, failure_reason = ?, processed_at = ? WHERE seq = ?`,
  );
  // events_by_order; the text compared is the one written, so an event redacted before is left as it is.
  const redactEvents = db.prepare(
    `UPDATE events SET data = @data
       WHERE trkref = @trkref AND order_ref = @orderRef AND type <> 'order.erased' AND data <> @data`,
  );
  // events_by_order, webhook_deliveries_by_event, webhook_attempts_by_delivery.
  const emptyAttempts = db.prepare(
    `UPDATE webhook_attempts SET response_excerpt = NULL, error = NULL
       WHERE delivery_id IN (SELECT d.id FROM events e JOIN webhook_deliveries d ON d.event_seq = e.seq
                             WHERE e.trkref = ? AND e.order_ref = ?)
         AND (response_excerpt IS NOT NULL OR error IS NOT NULL)`,
  );
  // The order's one invitation (its unique index); one erased before keeps its updated_at and is not counted.
  const eraseInvitation = db.prepare(
    `UPDATE invitations SET customer_hash = NULL, products = '[]', updated_at = @now,
       reason = CASE WHEN status = 'scheduled' THEN 'erased' ELSE reason END,
       status = CASE WHEN status = 'scheduled' THEN 'skipped' ELSE status END
     WHERE trkref = @trkref AND order_ref = @orderRef AND (customer_hash IS NOT NULL OR products <> '[]')`,
  );
  const deleteCancellation = db.prepare("DELETE FROM order_cancellations WHERE trkref = ? AND order_ref = ?");
  // idempotency_customers_by_customer; the customers' rows go with their record (ON DELETE CASCADE).
  const deleteIdempotency = db.prepare(
    `DELETE FROM idempotency_records WHERE (key_id, idempotency_key) IN
       (SELECT key_id, idempotency_key FROM idempotency_customers WHERE trkref = ? AND customer_hash = ?)`,
  );

  return {
    claimRequest(id: string): ErasureRequestRecord | undefined {
      const row = claim.get(id) as ErasureRequestColumns | undefined;
      return row && toErasureRequestRecord(row);
    },
    completeRequest(id: string, counts: ErasureCounts, now: string): void {
      complete.run(now, JSON.stringify(counts), id);
    },
    findOrders(trkref: string, by: { customerHashes: string[]; customerRefHashes: string[] }): FoundOrder[] {
      const found = new Map<string, FoundOrder>();
      const rows = [
        ...by.customerHashes.flatMap((hash) => ordersByHash.all(trkref, hash) as FoundOrder[]),
        ...by.customerRefHashes.flatMap((hash) => ordersByRefHash.all(trkref, hash) as FoundOrder[]),
      ];
      for (const row of rows) found.set(row.orderRef, row);
      return [...found.values()].sort((a, b) => (a.orderRef < b.orderRef ? -1 : 1));
    },
    findSubmissions(
      trkref: string,
      by: { customerHashes: string[]; orderRefs: string[] },
    ): FoundSubmission[] {
      const found = new Map<number, FoundSubmission>();
      const settled = [
        ...by.customerHashes.flatMap((hash) => settledByHash.all(trkref, hash)),
        ...by.orderRefs.flatMap((orderRef) => settledByOrder.all(trkref, orderRef)),
      ] as { seq: number; orderRef: string }[];
      for (const { seq, orderRef } of settled) found.set(seq, { seq, orderRef, pending: false });
      const hashes = new Set(by.customerHashes);
      const orderRefs = new Set(by.orderRefs);
      const waiting = pending.all(trkref) as { seq: number; orderRef: string; customerHash: string | null }[];
      for (const { seq, orderRef, customerHash } of waiting) {
        if (orderRefs.has(orderRef) || (customerHash !== null && hashes.has(customerHash))) {
          found.set(seq, { seq, orderRef, pending: true });
        }
      }
      return [...found.values()].sort((a, b) => a.seq - b.seq);
    },
    deleteOrders(trkref: string, orderRefs: string[]): { orderRefs: string[]; items: number } {
      const deleted: string[] = [];
      let items = 0;
      for (const orderRef of orderRefs) {
        // Counted first: the cascade does not say how many rows it took.
        const itemCount = countItems.get(trkref, orderRef) as number;
        if (deleteOrder.run(trkref, orderRef).changes === 0) continue;
        deleted.push(orderRef);
        items += itemCount;
      }
      return { orderRefs: deleted, items };
    },
    eraseSubmissions(erased: ErasedSubmission[], now: string): void {
      const version = submissionDocument.current;
      for (const { seq, document, failure } of erased) {
        const text = JSON.stringify(document);
        if (failure) erasePending.run(text, version, now, failure.code, failure.reason, now, seq);
        else eraseSettled.run(text, version, now, seq);
      }
    },
    redactEvents(
      trkref: string,
      orderRefs: string[],
      data: Record<string, unknown>,
    ): { events: number; attempts: number } {
      const text = JSON.stringify(data);
      let events = 0;
      let attempts = 0;
      for (const orderRef of orderRefs) {
        events += redactEvents.run({ data: text, trkref, orderRef }).changes;
        attempts += emptyAttempts.run(trkref, orderRef).changes;
      }
      return { events, attempts };
    },
    eraseInvitations(trkref: string, orderRefs: string[], now: string): number {
      let erased = 0;
      for (const orderRef of orderRefs) {
        erased += eraseInvitation.run({ now, trkref, orderRef }).changes;
        deleteCancellation.run(trkref, orderRef);
      }
      return erased;
    },
    deleteIdempotencyRecords(trkref: string, customerHashes: string[]): number {
      let deleted = 0;
      for (const hash of customerHashes) deleted += deleteIdempotency.run(trkref, hash).changes;
      return deleted;
    },
  };
}

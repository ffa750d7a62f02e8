import { erasedDocument } from "../domain/customer-privacy.js";
import { submissionFailureCatalogue } from "../domain/failure-codes.js";
import {
  ERASED_EVENT_DATA,
  type ErasureReason,
  type NewEvent,
  orderErasedEvent,
} from "../domain/order-events.js";
import { newRecordId } from "../domain/record-id.js";
import type { ErasureDatabase, ErasureTransaction, FoundSubmission } from "../storage/erasure-io.js";
import {
  ERASED_RECORD_KINDS,
  type ErasureCounts,
  type ErasureRequestRecord,
  type NewSuppression,
  noErasureCounts,
  type OrderToErase,
} from "../storage/privacy-store.js";

const ERASED_REASON = submissionFailureCatalogue.erased;

const addCounts = (total: ErasureCounts, counts: ErasureCounts) => {
  for (const kind of ERASED_RECORD_KINDS) total[kind] += counts[kind];
};

/**
 * Erases what the organisation holds of some orders and submissions, once for every store: the orders and
 * their items are deleted; every submission's documents are replaced (the normalised one by the bare order
 * ref, the raw one by nothing), and one still waiting to be processed is failed as `erased`, so that it can
 * never re-create the order; the orders' events keep their envelope and their place in the feed with their
 * `data` redacted, and the attempts to deliver them lose the receiver's answers; an `order.erased` event
 * tells each endpoint and feed reader of every order that existed. Batch records hold no personal data (ids,
 * refs and codes) and are left as they are; an idempotency record whose answer echoes the customer (a
 * batch's rejected order as sent) is deleted by `eraseCustomers` (docs/privacy.md).
 */
async function eraseFound(
  tx: ErasureTransaction,
  trkref: string,
  found: { orderRefs: string[]; submissions: FoundSubmission[] },
  reason: ErasureReason,
  now: string,
): Promise<{ counts: ErasureCounts; events: NewEvent[] }> {
  const counts = noErasureCounts();
  const deleted = await tx.deleteOrders(trkref, found.orderRefs);
  counts.orders = deleted.orderRefs.length;
  counts.order_items = deleted.items;
  await tx.eraseSubmissions(
    found.submissions.map(({ seq, orderRef, pending }) => ({
      seq,
      document: erasedDocument(trkref, orderRef),
      ...(pending && { failure: { code: "erased" as const, reason: ERASED_REASON } }),
    })),
    now,
  );
  counts.pending_submissions = found.submissions.filter((submission) => submission.pending).length;
  counts.submissions = found.submissions.length - counts.pending_submissions;
  const touched = [...new Set([...found.orderRefs, ...found.submissions.map((s) => s.orderRef)])].sort();
  // The invitations first: on PostgreSQL this waits for a release holding one of them to commit, so that the
  // redaction after it sees the `invitation.due` event that release wrote (with the customer's email).
  counts.invitations = await tx.eraseInvitations(trkref, touched, now);
  const redacted = await tx.redactEvents(trkref, touched, ERASED_EVENT_DATA);
  counts.events = redacted.events;
  counts.webhook_attempts = redacted.attempts;
  // Only for the orders this erasure deleted: another one (or retention) that deleted an order first told of it.
  const events = deleted.orderRefs.map((orderRef) =>
    orderErasedEvent({ trkref, orderRef, reason }, newRecordId(), now),
  );
  return { counts, events };
}

/** The suppression list's entries for the emails an erasure request found. */
const suppressionsOf = (trkref: string, customerHashes: string[], now: string): NewSuppression[] =>
  customerHashes.map((customerHash) => ({ trkref, customerHash, reason: "erased", createdAt: now }));

/** Finds a customer's orders and submissions by their hashes and erases them (`eraseFound`). */
async function eraseCustomers(
  tx: ErasureTransaction,
  trkref: string,
  by: { customerHashes: string[]; customerRefHashes: string[] },
  now: string,
): Promise<{ counts: ErasureCounts; customerHashes: string[] }> {
  const named = await tx.findOrders(trkref, by);
  // A customer_ref names a customer whatever email their orders carry: each of those emails is erased too,
  // with the orders that carry it and no customer_ref (found by a second look, which a first look by email
  // alone never needs).
  const customerHashes = [
    ...new Set([...by.customerHashes, ...named.flatMap((o) => (o.customerHash ? [o.customerHash] : []))]),
  ].sort();
  const more = customerHashes.some((hash) => !by.customerHashes.includes(hash));
  const orders = more ? await tx.findOrders(trkref, { ...by, customerHashes }) : named;
  const orderRefs = orders.map((order) => order.orderRef);
  const submissions = await tx.findSubmissions(trkref, { customerHashes, orderRefs });
  const { counts, events } = await eraseFound(tx, trkref, { orderRefs, submissions }, "request", now);
  await tx.writeEvents(events, now);
  counts.idempotency_records = await tx.deleteIdempotencyRecords(trkref, customerHashes);
  return { counts, customerHashes };
}

/**
 * Carries out one pending erasure request: finds the customers' orders (by the hashes of their emails and
 * customer_refs) and every submission of theirs or of those orders, erases them, puts every email found on
 * the organisation's suppression list, and marks the request completed with what it erased. `undefined`
 * when the request is no longer pending.
 *
 * Two transactions: on PostgreSQL a processor may have read the suppression list before the first commits
 * and still be applying a submission of the customer when it does (or take one committed meanwhile); the
 * second finds what such a processor left, and erases it. Any processor that reads the list after the
 * first commit keeps the customer's next submissions without their data. Run again after a crash between
 * the two, the first finds what is left and adds nothing twice.
 */
export async function runErasureRequest(
  database: ErasureDatabase,
  id: string,
  now: string,
): Promise<ErasureRequestRecord | undefined> {
  const first = await database.inTransaction(async (tx) => {
    const request = await tx.claimErasureRequest(id);
    if (!request) return undefined;
    const by = {
      customerHashes: request.subjects.filter((s) => s.kind === "email").map((s) => s.hash),
      customerRefHashes: request.subjects.filter((s) => s.kind === "customer_ref").map((s) => s.hash),
    };
    const { counts, customerHashes } = await eraseCustomers(tx, request.trkref, by, now);
    counts.suppressions = await tx.addSuppressions(suppressionsOf(request.trkref, customerHashes, now));
    return { request, counts, by: { ...by, customerHashes } };
  });
  if (!first) return undefined;
  return database.inTransaction(async (tx) => {
    if (!(await tx.claimErasureRequest(id))) return undefined;
    const { request, by } = first;
    const { counts, customerHashes } = await eraseCustomers(tx, request.trkref, by, now);
    // An order saved meanwhile under one of the customer_refs may carry an email the first did not see.
    counts.suppressions = await tx.addSuppressions(suppressionsOf(request.trkref, customerHashes, now));
    addCounts(counts, first.counts);
    await tx.completeErasureRequest(id, counts, now);
    return { ...request, status: "completed" as const, completedAt: now, counts };
  });
}

/**
 * Erases orders whose retention ended, as a request would, one organisation at a time, without suppressing.
 * An order with a submission still waiting to be processed is left out: the merchant has just sent it
 * again, and its retention starts over once that submission is applied.
 */
export function eraseOrders(
  database: ErasureDatabase,
  orders: OrderToErase[],
  reason: ErasureReason,
  now: string,
): Promise<ErasureCounts> {
  return database.inTransaction(async (tx) => {
    const total = noErasureCounts();
    const events: NewEvent[] = [];
    const byOrganisation = new Map<string, string[]>();
    for (const { trkref, orderRef } of orders) {
      byOrganisation.set(trkref, [...(byOrganisation.get(trkref) ?? []), orderRef]);
    }
    for (const [trkref, named] of byOrganisation) {
      const found = await tx.findSubmissions(trkref, { customerHashes: [], orderRefs: named });
      const updating = new Set(found.filter((s) => s.pending).map((s) => s.orderRef));
      const orderRefs = named.filter((orderRef) => !updating.has(orderRef));
      const submissions = found.filter((s) => !updating.has(s.orderRef));
      const erased = await eraseFound(tx, trkref, { orderRefs, submissions }, reason, now);
      addCounts(total, erased.counts);
      events.push(...erased.events);
    }
    // Once, last: on PostgreSQL numbering them locks each organisation's counter until the commit, which no
    // lock taken after it may wait behind (a release holding an invitation of another organisation).
    await tx.writeEvents(events, now);
    return total;
  });
}

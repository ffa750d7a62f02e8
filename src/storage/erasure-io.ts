import type { SubmissionFailureCode } from "../domain/failure-codes.js";
import type { NormalisedOrder } from "../domain/normalised-order.js";
import type { NewEvent } from "../domain/order-events.js";
import type { ErasureCounts, ErasureRequestRecord, NewSuppression } from "./privacy-store.js";

/** An order an erasure found, and the hash of its customer's email (none on a row not yet given one). */
export interface FoundOrder {
  orderRef: string;
  customerHash: string | null;
}

/** A submission an erasure found: settled, or still waiting to be processed. */
export interface FoundSubmission {
  seq: number;
  orderRef: string;
  pending: boolean;
}

/** A submission erased: its document replaced; a pending one failed with this code and reason too. */
export interface ErasedSubmission {
  seq: number;
  document: NormalisedOrder;
  failure?: { code: SubmissionFailureCode; reason: string };
}

/**
 * The reads and writes of one erasure transaction, in the adapter's own SQL. Nothing here decides anything:
 * `src/processing/erase-customers.ts` says what to find and what becomes of it.
 */
export interface ErasureTransaction {
  /** The request, locked against every other process until the transaction ends, if it is still pending. */
  claimErasureRequest(id: string): Promise<ErasureRequestRecord | undefined>;
  completeErasureRequest(id: string, counts: ErasureCounts, now: string): Promise<void>;
  /** The organisation's orders whose email hash or customer_ref hash is among those given. */
  findOrders(
    trkref: string,
    by: { customerHashes: string[]; customerRefHashes: string[] },
  ): Promise<FoundOrder[]>;
  /**
   * The organisation's submissions, settled or pending, whose email hash is given or whose order is named;
   * the pending ones locked (PostgreSQL: waiting for a processor that holds one to commit), so that what a
   * processor was applying is found afterwards as what it left.
   */
  findSubmissions(
    trkref: string,
    by: { customerHashes: string[]; orderRefs: string[] },
  ): Promise<FoundSubmission[]>;
  /**
   * Deletes the orders with their items; says which orders it deleted (another erasure may have deleted
   * some first) and how many items went with them.
   */
  deleteOrders(trkref: string, orderRefs: string[]): Promise<{ orderRefs: string[]; items: number }>;
  /** Replaces each submission's document, empties its raw document and marks it erased. */
  eraseSubmissions(erased: ErasedSubmission[], now: string): Promise<void>;
  /**
   * Replaces the `data` of the orders' events (but of their `order.erased` events, which tell of the erasure
   * and hold no personal data), and empties the response excerpts and errors of the attempts to deliver
   * them; says how many of each it changed: events already redacted, and attempts already empty, are not
   * counted again.
   */
  redactEvents(
    trkref: string,
    orderRefs: string[],
    data: Record<string, unknown>,
  ): Promise<{ events: number; attempts: number }>;
  /**
   * Erases the orders' invitations: each keeps its id, order ref, status and times, loses its customer's
   * hash and its products, and a scheduled one becomes skipped (`erased`); the orders' cancellations are
   * deleted. Says how many invitations it changed (one already erased is not counted again).
   */
  eraseInvitations(trkref: string, orderRefs: string[], now: string): Promise<number>;
  /** As `ProcessingTransaction.writeEvents`: numbered, queued for the endpoints they are for. */
  writeEvents(events: NewEvent[], now: string): Promise<void>;
  /**
   * Deletes the idempotency records whose answers hold these customers' data (a batch's answer echoes a
   * rejected order as sent); says how many. A retry with such a record's key is then taken as a new request.
   */
  deleteIdempotencyRecords(trkref: string, customerHashes: string[]): Promise<number>;
  /** As `PrivacyStore.addSuppressions`, in this transaction. */
  addSuppressions(entries: NewSuppression[]): Promise<number>;
}

/** What an adapter gives the erasure algorithm: transactions on its connection. */
export interface ErasureDatabase {
  inTransaction<T>(work: (tx: ErasureTransaction) => Promise<T>): Promise<T>;
}

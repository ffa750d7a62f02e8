import type { BatchOrderResult } from "../domain/batch-result.js";
import type { NormalisedOrder } from "../domain/normalised-order.js";
import type { IdempotencyRecord } from "./idempotency-store.js";

/** One accepted order document, as it is committed before the client hears `202`. */
export interface NewSubmission {
  id: string;
  keyId: string;
  order: NormalisedOrder;
  /** The document exactly as the client sent it, kept for audit and reprocessing. */
  raw: string;
  acceptedAt: string;
  /** The batch this submission arrived in, if any. */
  batchId?: string;
  /**
   * The keyed hash of the order's email (`CustomerHasher.email`), which an erasure finds the submission by.
   * Absent only on submissions written as the previous release wrote them.
   */
  customerHash?: string;
  /**
   * The customer is on the organisation's suppression list: `order` is already `withoutPersonalData(order)`
   * and `raw` is empty, so nothing of the person is stored.
   */
  suppressed?: boolean;
}

/** A batch request as recorded: every order's result, accepted or rejected, in request order. */
export interface NewBatch {
  id: string;
  keyId: string;
  createdAt: string;
  results: BatchOrderResult[];
}

/** What became of one write of a group commit. */
export type IntakeCommitOutcome = "committed" | "idempotency_conflict";

/** Everything one request commits, together: its submissions, its batch record, its idempotency record. */
export interface IntakeWrite {
  submissions: NewSubmission[];
  batch?: NewBatch;
  idempotency?: IdempotencyRecord;
}

/** The durable commit behind every `202`. */
export interface IntakeStore {
  /**
   * Commits the writes in one durable transaction, or none of them, and says for each whether it was
   * committed. A write whose idempotency record is already there (a live one, committed by a request on
   * another instance, say) is left out whole, submissions and all, as `idempotency_conflict`; the rest of
   * the group is committed.
   */
  commitIntake(writes: IntakeWrite[]): Promise<IntakeCommitOutcome[]>;
}

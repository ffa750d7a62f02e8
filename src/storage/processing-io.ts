import type { SubmissionOutcome } from "../domain/apply-submission.js";
import type { ChangedOrder } from "../domain/apply-submissions-in-order.js";
import type { SubmissionFailureCode } from "../domain/failure-codes.js";
import type { NormalisedOrder } from "../domain/normalised-order.js";
import type { NewEvent } from "../domain/order-events.js";
import type { ClassifyDatabaseError } from "./database-errors.js";
import type { InvitationReadsAndWrites } from "./invitation-io.js";
import type { InvitationSettings } from "./invitation-store.js";

/** An accepted submission as a processor takes it: its document as stored, decoded by the pipeline. */
export interface ClaimedSubmission {
  seq: number;
  id: string;
  /** The order it names, from its columns (readable even when its document is not). */
  trkref: string;
  order_ref: string;
  /** The shape the document was written in (`stored-documents.ts`). */
  documentVersion: number;
  /** The stored document: JSON text, or the value the driver already parsed from it. */
  document: unknown;
  /** The keyed hash of its email, written at intake; null on a row the previous release wrote. */
  customerHash: string | null;
  /** Kept without its customer's data: the document is already stripped. */
  suppressed: boolean;
}

/** An organisation's customer, by the keyed hash of their email. */
export interface CustomerOfOrganisation {
  trkref: string;
  customerHash: string;
}

/** A submission whose customer turned out to be suppressed, to keep without their data. */
export interface SuppressedSubmission {
  seq: number;
  /** The document to store instead: `withoutPersonalData` of the one it held. */
  document: NormalisedOrder;
  /** Its email's hash, written where the row has none yet. */
  customerHash: string;
}

/** An order to write, with the hashes it is found by and whether it is kept without its customer's data. */
export interface OrderToSave extends ChangedOrder {
  customerHash: string;
  customerRefHash: string | null;
  /** The submission that last changed it was suppressed. */
  suppressed: boolean;
}

/** A submission applied to its order, and what it made of it. */
export interface ProcessedSubmission {
  seq: number;
  outcome: SubmissionOutcome;
}

/** A submission that could not be applied, and the code and reason served to the merchant. */
export interface SubmissionFailure {
  seq: number;
  code: SubmissionFailureCode;
  reason: string;
}

/**
 * The reads and writes of one processing transaction, in the adapter's own SQL. Nothing here decides
 * anything: the pipeline (`src/processing/process-submissions.ts`) says what to read and what to write.
 */
export interface ProcessingTransaction extends InvitationReadsAndWrites {
  /**
   * Takes up to `limit` accepted submissions in seq order, held against every other processor until the
   * transaction ends, such that no other processor holds a submission of the same orders.
   */
  claimPending(limit: number): Promise<ClaimedSubmission[]>;
  /** The stored orders among those named, by `orderKey`. */
  findOrders(named: { trkref: string; order_ref: string }[]): Promise<Map<string, NormalisedOrder>>;
  /** Those of the customers given that are on their organisation's suppression list. */
  findSuppressed(customers: CustomerOfOrganisation[]): Promise<CustomerOfOrganisation[]>;
  /** Rewrites each submission as suppressed: its document replaced, its raw document emptied. */
  suppressSubmissions(suppressed: SuppressedSubmission[]): Promise<void>;
  /** Writes each order (created, or replaced with its creation time kept) with its items. */
  saveOrders(orders: OrderToSave[], now: string): Promise<void>;
  markProcessed(processed: ProcessedSubmission[], now: string): Promise<void>;
  markFailed(failures: SubmissionFailure[], now: string): Promise<void>;
  /**
   * Records the events, in the order given, each numbered next in its organisation's sequence, and queues
   * a delivery of each to every enabled webhook endpoint it is for (its organisation's and the
   * installation's, subscribed to its type), due at `now`. Called once, last, in each transaction: on
   * PostgreSQL the numbering locks the organisations' counters until the commit.
   */
  writeEvents(events: NewEvent[], now: string): Promise<void>;
  /** Runs `work` in a savepoint: if it throws, what it wrote is undone and the transaction goes on. */
  inSavepoint<T>(work: () => Promise<T>): Promise<T>;
}

/** What an adapter gives the processing pipeline: transactions, and what its driver's errors mean. */
export interface ProcessingDatabase {
  /** Runs `work` in one transaction, committed if it resolves and rolled back if it throws. */
  inTransaction<T>(work: (tx: ProcessingTransaction) => Promise<T>): Promise<T>;
  classifyError: ClassifyDatabaseError;
}

/** A defect met while processing one submission: the submission failed, and this says why. */
export interface ProcessingDefect {
  submissionId: string;
  name: string;
  message: string;
  /** The driver's code (an SQLSTATE, an SQLite result code), when it had one. */
  code?: string;
  stack?: string;
}

/** A submission processing failed, as logged and counted: never its document, which holds customer data. */
export interface FailedSubmission {
  submissionId: string;
  trkref: string;
  orderRef: string;
  code: SubmissionFailureCode;
}

/**
 * What one run of the pipeline did: how many submissions it took, what it made of them, which it failed
 * and the defects among those failures.
 */
export interface ProcessingReport {
  taken: number;
  /** Events recorded (and queued for webhook endpoints) in the same transaction. */
  events: number;
  /** Invitations created or changed in the same transaction. */
  invitations: number;
  outcomes: Record<SubmissionOutcome, number>;
  failures: FailedSubmission[];
  defects: ProcessingDefect[];
}

/** The processing pipeline as the processor runs it, where the store's connection is. */
export interface ProcessingStore {
  /**
   * Takes up to `limit` accepted submissions in acceptance order, applies each to its order, and commits
   * the orders and the submissions' outcomes together: the pipeline in `src/processing/process-submissions.ts`,
   * run where the store's connection is (on SQLite, its thread). Says how many it took and which defects
   * failed a submission.
   */
  processPendingSubmissions(limit: number, options?: ProcessingOptions): Promise<ProcessingReport>;
}

/** What a run of the pipeline is told beside its batch size. */
export interface ProcessingOptions {
  /** The time the run is at (tests pass their clock's); default now. */
  now?: string;
  /** Schedules the orders' review invitations under these settings; absent: none are scheduled. */
  invitations?: InvitationSettings;
}

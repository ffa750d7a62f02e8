import type { SubmissionOutcome } from "../domain/apply-submission.js";
import type { SubmissionFailureCode } from "../domain/failure-codes.js";
import type { NewBatch } from "./intake-store.js";
import type { ListDirection } from "./list-direction.js";

/** Where a submission is: waiting to be processed, applied to its order, or failed with a reason. */
export type SubmissionStatus = "accepted" | "processed" | "failed";
/** What processing made of a submission; the domain decides it (`applySubmission`). */
export type { SubmissionOutcome } from "../domain/apply-submission.js";

/** What became of a submission. */
export interface SubmissionRecord {
  id: string;
  trkref: string;
  orderRef: string;
  status: SubmissionStatus;
  outcome: SubmissionOutcome | null;
  failureReason: string | null;
  /** A failed submission's stable code; null otherwise, and for one failed before codes were recorded. */
  failureCode: SubmissionFailureCode | null;
  acceptedAt: string;
  processedAt: string | null;
}

/** A recorded batch with the current state of each of its accepted submissions. */
export interface StoredBatch extends NewBatch {
  submissions: SubmissionRecord[];
}

/** A submission as a listing reads it, with its place in acceptance order (where a next page starts). */
export interface ListedSubmission extends SubmissionRecord {
  seq: number;
}

/** Which submissions `listSubmissionsByStatus` reads: one organisation's in one status, in acceptance order. */
export interface SubmissionListQuery {
  trkref: string;
  status: SubmissionStatus;
  direction: ListDirection;
  /** Only submissions that come after this seq in the listing's order. */
  afterSeq?: number;
  limit: number;
}

/** Submissions and batches as merchants and operators look them up, and the backlog they form. */
export interface SubmissionStore {
  findSubmission(id: string): Promise<SubmissionRecord | undefined>;
  /** The submissions of one order, oldest first. */
  listSubmissionsForOrder(trkref: string, orderRef: string): Promise<SubmissionRecord[]>;
  /** The submissions of several orders of one organisation, oldest first: one statement for them all. */
  listSubmissionsForOrders(trkref: string, orderRefs: string[]): Promise<SubmissionRecord[]>;
  /** Up to `limit` submissions of one organisation in one status, in the query's order. */
  listSubmissionsByStatus(query: SubmissionListQuery): Promise<ListedSubmission[]>;
  findBatch(id: string): Promise<StoredBatch | undefined>;
  countPendingSubmissions(): Promise<number>;
  /** When the oldest submission still waiting to be processed was accepted, or null when none waits. */
  oldestPendingAcceptedAt(): Promise<string | null>;
}

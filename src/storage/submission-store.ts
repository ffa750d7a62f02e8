import type { SubmissionOutcome } from "../domain/apply-submission.js";
import type { NewBatch } from "./intake-store.js";

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
  acceptedAt: string;
  processedAt: string | null;
}

/** A recorded batch with the current state of each of its accepted submissions. */
export interface StoredBatch extends NewBatch {
  submissions: SubmissionRecord[];
}

/** Submissions and batches as merchants and operators look them up, and the backlog they form. */
export interface SubmissionStore {
  findSubmission(id: string): Promise<SubmissionRecord | undefined>;
  /** The submissions of one order, oldest first. */
  listSubmissionsForOrder(trkref: string, orderRef: string): Promise<SubmissionRecord[]>;
  findBatch(id: string): Promise<StoredBatch | undefined>;
  countPendingSubmissions(): Promise<number>;
  /** When the oldest submission still waiting to be processed was accepted, or null when none waits. */
  oldestPendingAcceptedAt(): Promise<string | null>;
}

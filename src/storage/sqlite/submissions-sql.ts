import type Database from "better-sqlite3";
import type { ClaimedSubmission, SubmissionFailure, SuppressedSubmission } from "../processing-io.js";
import type { NewSubmission, SubmissionOutcome, SubmissionRecord } from "../store.js";
import { submissionDocument } from "../stored-documents.js";
import {
  SELECT_SUBMISSION_COLUMNS,
  SUBMISSION_COLUMNS,
  type SubmissionColumns,
  toSubmissionRecord,
} from "../submission-columns.js";

/** Prepared statements for the submissions table. */
export function createSubmissionQueries(db: Database.Database) {
  const insert = db.prepare(`INSERT INTO submissions (id, trkref, order_ref, key_id, document,
    document_version, raw, status, accepted_at, batch_id, customer_hash, suppressed)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?, ?, ?)`);
  const findOne = db.prepare(`${SELECT_SUBMISSION_COLUMNS} WHERE id = ?`);
  // Settled submissions through their per-order index; pending ones through the pending queue, which the
  // processor keeps short (its length is the backlog that /metrics shows).
  const listForOrder = db.prepare(
    `SELECT ${SUBMISSION_COLUMNS}, seq FROM submissions
       WHERE trkref = @trkref AND order_ref = @orderRef AND status <> 'accepted'
     UNION ALL SELECT ${SUBMISSION_COLUMNS}, seq FROM submissions
       WHERE status = 'accepted' AND trkref = @trkref AND order_ref = @orderRef
     ORDER BY seq`,
  );
  const countPending = db.prepare("SELECT count(*) AS n FROM submissions WHERE status = 'accepted'");
  const oldestPending = db.prepare(
    "SELECT accepted_at FROM submissions WHERE status = 'accepted' ORDER BY seq LIMIT 1",
  );
  const selectPending = db.prepare(
    `SELECT seq, id, trkref, order_ref, document_version AS documentVersion, document,
       customer_hash AS customerHash, suppressed FROM submissions
       WHERE status = 'accepted' ORDER BY seq LIMIT ?`,
  );
  const suppress = db.prepare(
    `UPDATE submissions SET document = ?, document_version = ?, raw = '', suppressed = 1,
       customer_hash = coalesce(customer_hash, ?) WHERE seq = ?`,
  );
  // The seqs of one outcome as a JSON array, in one statement: about half the time of one statement a row.
  const markProcessed = db.prepare(
    `UPDATE submissions SET status = 'processed', outcome = ?, processed_at = ?
       WHERE seq IN (SELECT value FROM json_each(?))`,
  );
  const markFailed = db.prepare(
    "UPDATE submissions SET status = 'failed', failure_code = ?, failure_reason = ?, processed_at = ? WHERE seq = ?",
  );

  return {
    /** Inserts as accepted; the caller holds the transaction. */
    insert(s: NewSubmission): void {
      const { order } = s;
      const document = JSON.stringify(order);
      insert.run(
        s.id,
        order.trkref,
        order.order_ref,
        s.keyId,
        document,
        submissionDocument.current,
        s.raw,
        s.acceptedAt,
        s.batchId ?? null,
        s.customerHash ?? null,
        s.suppressed ? 1 : 0,
      );
    },
    find(id: string): SubmissionRecord | undefined {
      const row = findOne.get(id) as SubmissionColumns | undefined;
      return row && toSubmissionRecord(row);
    },
    listForOrder: (trkref: string, orderRef: string): SubmissionRecord[] =>
      (listForOrder.all({ trkref, orderRef }) as SubmissionColumns[]).map(toSubmissionRecord),
    /** The submissions of these ids that exist, in the order given. */
    findMany: (ids: string[]): SubmissionRecord[] =>
      ids.flatMap((id) => {
        const row = findOne.get(id) as SubmissionColumns | undefined;
        return row ? [toSubmissionRecord(row)] : [];
      }),
    countPending: (): number => (countPending.get() as { n: number }).n,
    oldestPendingAcceptedAt: (): string | null =>
      (oldestPending.get() as { accepted_at: string } | undefined)?.accepted_at ?? null,
    selectPending: (limit: number): ClaimedSubmission[] =>
      (selectPending.all(limit) as (Omit<ClaimedSubmission, "suppressed"> & { suppressed: number })[]).map(
        (row) => ({ ...row, suppressed: row.suppressed === 1 }),
      ),
    /** Keeps the submission without its customer's data: its document stripped, its raw document gone. */
    suppress: ({ seq, document, customerHash }: SuppressedSubmission): void => {
      suppress.run(JSON.stringify(document), submissionDocument.current, customerHash, seq);
    },
    /** Marks the submissions of these seqs processed, each with the same outcome. */
    markProcessed: (seqs: readonly number[], outcome: SubmissionOutcome, at: string) =>
      markProcessed.run(outcome, at, JSON.stringify(seqs)),
    markFailed: ({ seq, code, reason }: SubmissionFailure, at: string) =>
      markFailed.run(code, reason, at, seq),
  };
}

import type pg from "pg";
import type {
  ClaimedSubmission,
  ProcessedSubmission,
  SubmissionFailure,
  SuppressedSubmission,
} from "../processing-io.js";
import type { NewSubmission, SubmissionRecord } from "../store.js";
import { submissionDocument } from "../stored-documents.js";
import {
  SELECT_SUBMISSION_COLUMNS,
  type SubmissionColumns,
  toSubmissionRecord,
} from "../submission-columns.js";
import type { Queryable } from "./organisations-sql.js";

/** A row of SubmissionColumns as pg reads it, times as Dates. */
export interface SubmissionRow extends Omit<SubmissionColumns, "accepted_at" | "processed_at"> {
  accepted_at: Date;
  processed_at: Date | null;
}

/** A claimed submission, locked until its transaction ends, with the order it names. */
export interface ClaimedRow extends ClaimedSubmission {
  trkref: string;
  order_ref: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The column is a uuid: anything else cannot name a row, and PostgreSQL would refuse the query. */
export const isUuid = (value: string) => UUID.test(value);

export const toSubmission = (row: SubmissionRow): SubmissionRecord =>
  toSubmissionRecord({
    ...row,
    accepted_at: row.accepted_at.toISOString(),
    processed_at: row.processed_at?.toISOString() ?? null,
  });

/**
 * One statement for the whole group, whatever its size: one round trip, one multi-row insert. Rows take
 * their seq in the group's order (two versions of one order in one batch apply in the order sent).
 */
export async function insertSubmissions(client: pg.PoolClient, submissions: NewSubmission[]): Promise<void> {
  if (submissions.length === 0) return;
  const column = <T>(pick: (s: NewSubmission) => T) => submissions.map(pick);
  await client.query(
    `INSERT INTO submissions (id, trkref, order_ref, key_id, document, document_version, raw, status,
       accepted_at, batch_id, customer_hash, suppressed)
     SELECT id, trkref, order_ref, key_id, document, $9, raw, 'accepted', accepted_at, batch_id, customer_hash,
       suppressed
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::json[], $6::text[], $7::timestamptz[],
       $8::uuid[], $10::text[], $11::boolean[])
       WITH ORDINALITY AS s(id, trkref, order_ref, key_id, document, raw, accepted_at, batch_id, customer_hash,
         suppressed, n)
     ORDER BY n`,
    [
      column((s) => s.id),
      column((s) => s.order.trkref),
      column((s) => s.order.order_ref),
      column((s) => s.keyId),
      column((s) => JSON.stringify(s.order)),
      column((s) => s.raw),
      column((s) => s.acceptedAt),
      column((s) => s.batchId ?? null),
      submissionDocument.current,
      column((s) => s.customerHash ?? null),
      column((s) => s.suppressed === true),
    ],
  );
}

export async function findSubmission(db: Queryable, id: string): Promise<SubmissionRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<SubmissionRow>(`${SELECT_SUBMISSION_COLUMNS} WHERE id = $1`, [id]);
  return rows[0] && toSubmission(rows[0]);
}

export async function listSubmissionsForOrder(db: Queryable, trkref: string, orderRef: string) {
  const { rows } = await db.query<SubmissionRow>(
    `${SELECT_SUBMISSION_COLUMNS} WHERE trkref = $1 AND order_ref = $2 ORDER BY seq`,
    [trkref, orderRef],
  );
  return rows.map(toSubmission);
}

export async function listSubmissionsForBatch(db: Queryable, batchId: string) {
  const { rows } = await db.query<SubmissionRow>(
    `${SELECT_SUBMISSION_COLUMNS} WHERE batch_id = $1 ORDER BY seq`,
    [batchId],
  );
  return rows.map(toSubmission);
}

export async function countPendingSubmissions(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM submissions WHERE status = 'accepted'",
  );
  return rows[0]?.n ?? 0;
}

export async function oldestPendingAcceptedAt(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ accepted_at: Date }>(
    "SELECT accepted_at FROM submissions WHERE status = 'accepted' ORDER BY seq LIMIT 1",
  );
  return rows[0]?.accepted_at.toISOString() ?? null;
}

/**
 * Claims up to `limit` accepted submissions in acceptance order and locks them for this transaction.
 *
 * First the oldest pending submission of each order (its head), skipping those another processor holds:
 * SKIP LOCKED lets many processors claim side by side without waiting, and no other processor can claim an
 * order's later submissions while its head is pending, so no two processors ever work on one order. Then,
 * within the limit, the later pending submissions of the orders whose heads it took: nobody else can take
 * them, and applying them in the same transaction drains a busy order's backlog in one go instead of one
 * submission per transaction. Returned in seq order, so each order's submissions apply in acceptance order.
 */
// Heads are looked for among the oldest `limit × HEAD_WINDOW` pending submissions only: with a deep backlog
// on few orders, a search of every pending row for heads would cost the whole backlog on every claim. The
// window is also bounded by seq, to `limit × HEAD_WINDOW × SEQ_SPAN` from the oldest pending one, so that
// reading it costs that much at most whatever plan the planner picks from a queue table's stale statistics
// (one that read and sorted every pending row made a claim cost the backlog).
const HEAD_WINDOW = 4;
const SEQ_SPAN = 4;

const CLAIMED_COLUMNS = `s.seq, s.id, s.trkref, s.order_ref, s.document_version AS "documentVersion", s.document,
  s.customer_hash AS "customerHash", s.suppressed`;

// An order's oldest pending submission in that window is its head: one older still would be pending and
// older than the window's, so in the window too. Only seqs are sorted and grouped, and the rows to lock are
// named by an array of them, so that documents are read for those rows alone.
const CLAIM_HEADS = `WITH oldest AS (SELECT min(seq) AS seq FROM submissions WHERE status = 'accepted')
  SELECT ${CLAIMED_COLUMNS} FROM submissions s
  WHERE s.status = 'accepted' AND s.seq = ANY(ARRAY(
    SELECT min(w.seq) FROM (
      SELECT seq, trkref, order_ref FROM submissions
      WHERE status = 'accepted' AND seq >= (SELECT seq FROM oldest) AND seq < (SELECT seq FROM oldest) + $3
      ORDER BY seq LIMIT $2) AS w
    GROUP BY w.trkref, w.order_ref))
  ORDER BY s.seq LIMIT $1 FOR UPDATE SKIP LOCKED`;

// For each head, its order's next pending submissions by seq, from the per-order index; then the oldest
// `$2` of them all. One order's submissions become visible in seq order (the intake locks), so every
// pending submission of a head's order comes after the head.
const CLAIM_FOLLOWERS = `SELECT ${CLAIMED_COLUMNS} FROM submissions s
  WHERE s.status = 'accepted' AND s.seq = ANY(ARRAY(
    SELECT f.seq FROM submissions h CROSS JOIN LATERAL (
      SELECT e.seq FROM submissions e
      WHERE e.trkref = h.trkref AND e.order_ref = h.order_ref AND e.status = 'accepted' AND e.seq > h.seq
      ORDER BY e.seq LIMIT $2) AS f
    WHERE h.seq = ANY($1::bigint[])
    ORDER BY f.seq LIMIT $2))
  ORDER BY s.seq FOR UPDATE`;

export async function claimSubmissions(client: pg.PoolClient, limit: number): Promise<ClaimedRow[]> {
  const { rows: heads } = await client.query<ClaimedRow>(CLAIM_HEADS, [
    limit,
    limit * HEAD_WINDOW,
    limit * HEAD_WINDOW * SEQ_SPAN,
  ]);
  if (heads.length === 0 || heads.length >= limit) return heads;
  // Plain FOR UPDATE, never SKIP LOCKED here: skipping one would apply a later submission before it.
  const { rows: followers } = await client.query<ClaimedRow>(CLAIM_FOLLOWERS, [
    heads.map((head) => head.seq),
    limit - heads.length,
  ]);
  return [...heads, ...followers].sort((a, b) => a.seq - b.seq);
}

/** Marks the submissions processed, each with its outcome: one statement. */
export async function markProcessed(client: pg.PoolClient, processed: ProcessedSubmission[], at: string) {
  await client.query(
    `UPDATE submissions s SET status = 'processed', outcome = u.outcome, processed_at = $3
     FROM unnest($1::bigint[], $2::text[]) AS u(seq, outcome) WHERE s.seq = u.seq`,
    [processed.map((p) => p.seq), processed.map((p) => p.outcome), at],
  );
}

/** Marks the submissions failed, each with its reason: one statement. */
export async function markFailed(client: pg.PoolClient, failures: SubmissionFailure[], at: string) {
  await client.query(
    `UPDATE submissions s SET status = 'failed', failure_code = u.code, failure_reason = u.reason, processed_at = $4
     FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(seq, code, reason) WHERE s.seq = u.seq`,
    [failures.map((f) => f.seq), failures.map((f) => f.code), failures.map((f) => f.reason), at],
  );
}

/** Rewrites the submissions as suppressed, each with its stripped document: one statement. */
export async function suppressSubmissions(client: pg.PoolClient, suppressed: SuppressedSubmission[]) {
  if (suppressed.length === 0) return;
  await client.query(
    `UPDATE submissions s SET document = u.document, document_version = $4, raw = '', suppressed = true,
       customer_hash = coalesce(s.customer_hash, u.customer_hash)
     FROM unnest($1::bigint[], $2::json[], $3::text[]) AS u(seq, document, customer_hash) WHERE s.seq = u.seq`,
    [
      suppressed.map((s) => s.seq),
      suppressed.map((s) => JSON.stringify(s.document)),
      suppressed.map((s) => s.customerHash),
      submissionDocument.current,
    ],
  );
}

import type Database from "better-sqlite3";
import { keysetSql } from "../list-direction.js";
import type { ListedSubmission, SubmissionListQuery } from "../store.js";
import { SUBMISSION_COLUMNS, type SubmissionColumns, toSubmissionRecord } from "../submission-columns.js";
import { createStatementCache } from "./statement-cache.js";

// Settled submissions through the index of settled ones by status (the literal term lets SQLite use that
// partial index); pending ones through the pending queue, which the processor keeps short.
const SETTLED = `SELECT ${SUBMISSION_COLUMNS}, seq FROM submissions
  WHERE trkref = @trkref AND status <> 'accepted' AND status = @status`;
const PENDING = `SELECT ${SUBMISSION_COLUMNS}, seq FROM submissions
  WHERE status = 'accepted' AND trkref = @trkref`;

function listSubmissionsSql(query: SubmissionListQuery): string {
  const { after, order } = keysetSql(query.direction);
  const from = query.status === "accepted" ? PENDING : SETTLED;
  const start = query.afterSeq === undefined ? "" : ` AND seq ${after} @afterSeq`;
  return `${from}${start} ORDER BY seq ${order} LIMIT @limit`;
}

/** Lists an organisation's submissions in one status, a page at a time: `listSubmissionsByStatus`. */
export function createSubmissionListing(
  db: Database.Database,
): (query: SubmissionListQuery) => ListedSubmission[] {
  // One statement per shape of query: at most eight of them (pending or settled, two directions, a start).
  const prepare = createStatementCache(db);
  return (query) => {
    const rows = prepare(listSubmissionsSql(query)).all({
      trkref: query.trkref,
      status: query.status,
      afterSeq: query.afterSeq,
      limit: query.limit,
    }) as (SubmissionColumns & { seq: number })[];
    return rows.map((row) => ({ ...toSubmissionRecord(row), seq: row.seq }));
  };
}

import { keysetSql } from "../list-direction.js";
import type { ListedSubmission, SubmissionListQuery } from "../store.js";
import { SUBMISSION_COLUMNS } from "../submission-columns.js";
import type { Queryable } from "./organisations-sql.js";
import { type SubmissionRow, toSubmission } from "./submissions-sql.js";

/** Up to `query.limit` submissions of one organisation in one status (`listSubmissionsByStatus`). */
export async function listSubmissionsByStatus(
  db: Queryable,
  query: SubmissionListQuery,
): Promise<ListedSubmission[]> {
  const { after, order } = keysetSql(query.direction);
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  // Settled submissions through the index of settled ones by status (the literal term matches its
  // predicate whatever plan is chosen); pending ones through the pending queue, kept short by the processor.
  const conditions =
    query.status === "accepted"
      ? ["status = 'accepted'", `trkref = ${param(query.trkref)}`]
      : [`trkref = ${param(query.trkref)}`, "status <> 'accepted'", `status = ${param(query.status)}`];
  if (query.afterSeq !== undefined) conditions.push(`seq ${after} ${param(query.afterSeq)}`);
  const { rows } = await db.query<SubmissionRow & { seq: string }>(
    `SELECT seq, ${SUBMISSION_COLUMNS} FROM submissions WHERE ${conditions.join(" AND ")}
     ORDER BY seq ${order} LIMIT ${param(query.limit)}`,
    values,
  );
  // seq is a bigint, which pg reads as a string; no seq comes near 2^53.
  return rows.map((row) => ({ ...toSubmission(row), seq: Number(row.seq) }));
}

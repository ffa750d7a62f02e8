import type { SubmissionRecord } from "../store.js";
import { SELECT_SUBMISSION_COLUMNS } from "../submission-columns.js";
import type { Queryable } from "./organisations-sql.js";
import { type SubmissionRow, toSubmission } from "./submissions-sql.js";

/** The submissions of several orders of one organisation, oldest first: one statement for them all. */
export async function listSubmissionsForOrders(
  db: Queryable,
  trkref: string,
  orderRefs: string[],
): Promise<SubmissionRecord[]> {
  if (orderRefs.length === 0) return [];
  const { rows } = await db.query<SubmissionRow>(
    `${SELECT_SUBMISSION_COLUMNS} WHERE trkref = $1 AND order_ref = ANY($2::text[]) ORDER BY seq`,
    [trkref, orderRefs],
  );
  return rows.map(toSubmission);
}

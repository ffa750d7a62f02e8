import type Database from "better-sqlite3";
import type { SubmissionRecord } from "../store.js";
import { SUBMISSION_COLUMNS, type SubmissionColumns, toSubmissionRecord } from "../submission-columns.js";

/**
 * The submissions of several orders of one organisation, oldest first (`listSubmissionsForOrders`): settled
 * ones through their per-order index, pending ones through the pending queue; the order_refs travel as one
 * JSON array.
 */
export function createOrderSubmissionsQuery(
  db: Database.Database,
): (trkref: string, orderRefs: string[]) => SubmissionRecord[] {
  const statement = db.prepare(
    `SELECT ${SUBMISSION_COLUMNS}, seq FROM submissions
       WHERE trkref = @trkref AND order_ref IN (SELECT value FROM json_each(@orderRefs))
         AND status <> 'accepted'
     UNION ALL SELECT ${SUBMISSION_COLUMNS}, seq FROM submissions
       WHERE status = 'accepted' AND trkref = @trkref
         AND order_ref IN (SELECT value FROM json_each(@orderRefs))
     ORDER BY seq`,
  );
  return (trkref, orderRefs) => {
    if (orderRefs.length === 0) return [];
    const rows = statement.all({ trkref, orderRefs: JSON.stringify(orderRefs) }) as SubmissionColumns[];
    return rows.map(toSubmissionRecord);
  };
}

import type { InvitationRow } from "../../domain/invitations.js";
import { INVITATION_COLUMNS, type InvitationColumns, toInvitationRow } from "./invitation-rows-sql.js";
import type { Queryable } from "./organisations-sql.js";

/**
 * Up to `limit` scheduled invitations due at or before `now`, oldest first, through `invitations_due`; each
 * locked until the transaction ends, and those another transaction holds skipped, so that two workers never
 * take one invitation twice and neither waits for the other.
 */
export async function claimDueInvitations(
  db: Queryable,
  now: string,
  limit: number,
): Promise<InvitationRow[]> {
  const { rows } = await db.query<InvitationColumns>(
    `SELECT ${INVITATION_COLUMNS} FROM invitations i
     WHERE i.status = 'scheduled' AND i.due_at <= $1::timestamptz
     ORDER BY i.due_at, i.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
  return rows.map(toInvitationRow);
}

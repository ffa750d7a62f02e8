import { orderKey } from "../../domain/apply-submissions-in-order.js";
import type { InvitationRow } from "../../domain/invitations.js";
import type { InvitationState, NamedOrder } from "../invitation-io.js";
import { INVITATION_COLUMNS, type InvitationColumns, toInvitationRow } from "./invitation-rows-sql.js";
import { findCancellations } from "./order-cancellations-sql.js";
import type { Queryable } from "./organisations-sql.js";
import { isUuid } from "./submissions-sql.js";

/**
 * The named orders' invitations and cancellations, by `orderKey`: two statements for any number, the rows
 * locked in id order (so that two transactions cannot deadlock on them) until the transaction ends, which
 * keeps the due-time check (SKIP LOCKED) and the other writers off them meanwhile.
 */
export async function findInvitationStates(
  db: Queryable,
  named: NamedOrder[],
): Promise<Map<string, InvitationState>> {
  const states = new Map<string, InvitationState>();
  if (named.length === 0) return states;
  const { rows } = await db.query<InvitationColumns>(
    `SELECT ${INVITATION_COLUMNS} FROM invitations i
     WHERE (i.trkref, i.order_ref) IN (SELECT * FROM unnest($1::text[], $2::text[]))
     ORDER BY i.id FOR UPDATE`,
    [named.map((o) => o.trkref), named.map((o) => o.order_ref)],
  );
  for (const row of rows) states.set(orderKey(row), { invitation: toInvitationRow(row) });
  for (const [key, cancellation] of await findCancellations(db, named)) {
    states.set(key, { ...states.get(key), cancellation });
  }
  return states;
}

/**
 * The invitation with this id, locked until the transaction ends, if it is one of these organisations'
 * ("any": of any). An id that is not a UUID names no row (and PostgreSQL would refuse to compare it).
 */
export async function findInvitationById(
  db: Queryable,
  id: string,
  trkrefs: string[] | "any",
): Promise<InvitationRow | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<InvitationColumns>(
    `SELECT ${INVITATION_COLUMNS} FROM invitations i
     WHERE i.id = $1 AND ($2::text[] IS NULL OR i.trkref = ANY($2::text[])) FOR UPDATE`,
    [id, trkrefs === "any" ? null : trkrefs],
  );
  return rows[0] && toInvitationRow(rows[0]);
}

import type { Invitation } from "../../domain/invitations.js";
import type { InvitationListQuery, OrderInvitationState } from "../invitation-store.js";
import { INVITATION_COLUMNS, type InvitationColumns, toInvitation } from "./invitation-rows-sql.js";
import { type CancellationColumns, toCancellation } from "./order-cancellations-sql.js";
import type { Queryable } from "./organisations-sql.js";
import { isUuid } from "./submissions-sql.js";

/**
 * Up to `query.limit` of one organisation's invitations in creation order (UUID v7 ids), one keyset range
 * of `invitations_by_organisation`. A cursor id that is not a UUID names no place in the list: nothing follows it.
 */
export async function listInvitations(db: Queryable, query: InvitationListQuery): Promise<Invitation[]> {
  if (query.afterId !== undefined && !isUuid(query.afterId)) return [];
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  const conditions = [`i.trkref = ${param(query.trkref)}`];
  if (query.status !== undefined) conditions.push(`i.status = ${param(query.status)}`);
  if (query.orderRef !== undefined) conditions.push(`i.order_ref = ${param(query.orderRef)}`);
  if (query.dueBefore !== undefined) conditions.push(`i.due_at < ${param(query.dueBefore)}::timestamptz`);
  if (query.afterId !== undefined) conditions.push(`i.id > ${param(query.afterId)}::uuid`);
  const { rows } = await db.query<InvitationColumns>(
    `SELECT ${INVITATION_COLUMNS} FROM invitations i WHERE ${conditions.join(" AND ")}
     ORDER BY i.id LIMIT ${param(query.limit)}`,
    values,
  );
  return rows.map(toInvitation);
}

/** The organisation's invitation with this id; an id that is not a UUID names none. */
export async function findInvitation(
  db: Queryable,
  trkref: string,
  id: string,
): Promise<Invitation | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<InvitationColumns>(
    `SELECT ${INVITATION_COLUMNS} FROM invitations i WHERE i.id = $1 AND i.trkref = $2`,
    [id, trkref],
  );
  return rows[0] && toInvitation(rows[0]);
}

interface OrderInvitationColumns extends Omit<InvitationColumns, "id"> {
  id: string | null;
  cancellation_reason: CancellationColumns["reason"] | null;
  whole: boolean | null;
  skus: unknown;
  cancelled_at: Date | null;
}

/** The order's invitation and cancellation, as its read-back shows them: one statement, one snapshot. */
export async function findOrderInvitation(
  db: Queryable,
  trkref: string,
  orderRef: string,
): Promise<OrderInvitationState> {
  const { rows } = await db.query<OrderInvitationColumns>(
    `SELECT ${INVITATION_COLUMNS}, c.reason AS cancellation_reason, c.whole, c.skus, c.cancelled_at
     FROM (VALUES ($1::text, $2::text)) AS k(trkref, order_ref)
       LEFT JOIN invitations i ON i.trkref = k.trkref AND i.order_ref = k.order_ref
       LEFT JOIN order_cancellations c ON c.trkref = k.trkref AND c.order_ref = k.order_ref`,
    [trkref, orderRef],
  );
  const row = rows[0];
  if (!row) return { invitation: null, cancellation: null };
  const { id, cancellation_reason: reason, whole, skus, cancelled_at } = row;
  return {
    invitation: id === null ? null : toInvitation({ ...row, id }),
    cancellation:
      reason === null || whole === null || cancelled_at === null
        ? null
        : toCancellation({ trkref, order_ref: orderRef, reason, whole, skus, cancelled_at }),
  };
}

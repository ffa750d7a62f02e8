import { type Invitation, type InvitationRow, servedInvitation } from "../../domain/invitations.js";
import { invitationRowOf, type InvitationColumns as SharedColumns } from "../invitation-columns.js";
import type { Queryable } from "./organisations-sql.js";

/** An invitations row as the driver reads it with INVITATION_COLUMNS: times as Dates, products parsed. */
export type InvitationColumns = SharedColumns<Date, unknown>;

// trigger_date as text: a calendar day, never shifted into a time zone.
export const INVITATION_COLUMNS = `i.id, i.trkref, i.order_ref, i.customer_hash, i.status, i.reason,
  to_char(i.trigger_date, 'YYYY-MM-DD') AS trigger_date, i.due_at, i.products, i.created_at, i.updated_at,
  i.released_at, i.delivery_status, i.delivery_reported_at`;

export const toInvitationRow = (row: InvitationColumns): InvitationRow =>
  invitationRowOf(row, (time) => time.toISOString());

/** The invitation as served: the row without its customer's hash. */
export const toInvitation = (row: InvitationColumns): Invitation => servedInvitation(toInvitationRow(row));

const UPSERT = `INSERT INTO invitations (id, trkref, order_ref, customer_hash, status, reason, trigger_date, due_at,
    products, created_at, updated_at, released_at, delivery_status, delivery_reported_at)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[],
    $8::timestamptz[], $9::jsonb[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::text[],
    $14::timestamptz[])
  ON CONFLICT (id) DO UPDATE SET trkref = excluded.trkref, order_ref = excluded.order_ref,
    customer_hash = excluded.customer_hash, status = excluded.status, reason = excluded.reason,
    trigger_date = excluded.trigger_date, due_at = excluded.due_at, products = excluded.products,
    created_at = excluded.created_at, updated_at = excluded.updated_at, released_at = excluded.released_at,
    delivery_status = excluded.delivery_status, delivery_reported_at = excluded.delivery_reported_at`;

/**
 * Writes each invitation whole, in one statement. One statement cannot change a row twice, so of rows given
 * twice the last is written: what writing them one after another would leave.
 */
export async function saveInvitations(db: Queryable, rows: InvitationRow[]): Promise<void> {
  if (rows.length === 0) return;
  const last = [...new Map(rows.map((row) => [row.id, row])).values()];
  await db.query(UPSERT, [
    last.map((r) => r.id),
    last.map((r) => r.trkref),
    last.map((r) => r.orderRef),
    last.map((r) => r.customerHash),
    last.map((r) => r.status),
    last.map((r) => r.reason),
    last.map((r) => r.triggerDate),
    last.map((r) => r.dueAt),
    last.map((r) => JSON.stringify(r.products)),
    last.map((r) => r.createdAt),
    last.map((r) => r.updatedAt),
    last.map((r) => r.releasedAt),
    last.map((r) => r.delivery?.status ?? null),
    last.map((r) => r.delivery?.reportedAt ?? null),
  ]);
}

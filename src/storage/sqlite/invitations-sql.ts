import type Database from "better-sqlite3";
import type { ReleasedInvitation } from "../../domain/invitation-release.js";
import { type Invitation, type InvitationRow, servedInvitation } from "../../domain/invitations.js";
import {
  decodeProducts,
  invitationRowOf,
  type InvitationColumns as SharedColumns,
} from "../invitation-columns.js";

/** A row of the invitations table as SQLite returns it: times and products as text. */
export type InvitationColumns = SharedColumns<string, string>;

export const INVITATION_COLUMNS = `id, trkref, order_ref, customer_hash, status, reason, trigger_date, due_at,
  products, created_at, updated_at, released_at, delivery_status, delivery_reported_at`;

export const toInvitationRow = (row: InvitationColumns): InvitationRow =>
  invitationRowOf(row, (time) => time);

/** The invitation as served: without its customer's hash, which never leaves the store. */
export const toInvitation = (row: InvitationColumns): Invitation => servedInvitation(toInvitationRow(row));

const toColumns = (row: InvitationRow): InvitationColumns => ({
  id: row.id,
  trkref: row.trkref,
  order_ref: row.orderRef,
  customer_hash: row.customerHash,
  status: row.status,
  reason: row.reason,
  trigger_date: row.triggerDate,
  due_at: row.dueAt,
  products: JSON.stringify(row.products),
  created_at: row.createdAt,
  updated_at: row.updatedAt,
  released_at: row.releasedAt,
  delivery_status: row.delivery?.status ?? null,
  delivery_reported_at: row.delivery?.reportedAt ?? null,
});

const skusOf = (products: string): string[] => decodeProducts(products).map((product) => product.sku);

/** Reads and writes of invitation rows, one organisation's order or customer at a time; the caller holds the transaction. */
export function createInvitationQueries(db: Database.Database) {
  const upsert = db.prepare(
    `INSERT INTO invitations (${INVITATION_COLUMNS})
     VALUES (@id, @trkref, @order_ref, @customer_hash, @status, @reason, @trigger_date, @due_at, @products,
       @created_at, @updated_at, @released_at, @delivery_status, @delivery_reported_at)
     ON CONFLICT (id) DO UPDATE SET trkref = excluded.trkref, order_ref = excluded.order_ref,
       customer_hash = excluded.customer_hash, status = excluded.status, reason = excluded.reason,
       trigger_date = excluded.trigger_date, due_at = excluded.due_at, products = excluded.products,
       created_at = excluded.created_at, updated_at = excluded.updated_at, released_at = excluded.released_at,
       delivery_status = excluded.delivery_status, delivery_reported_at = excluded.delivery_reported_at`,
  );
  const byOrder = db.prepare(
    `SELECT ${INVITATION_COLUMNS} FROM invitations WHERE trkref = ? AND order_ref = ?`,
  );
  const byId = db.prepare(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE id = ?`);
  const byIdAmong = db.prepare(
    `SELECT ${INVITATION_COLUMNS} FROM invitations
       WHERE id = ? AND trkref IN (SELECT value FROM json_each(?))`,
  );
  // invitations_by_customer.
  const invitedSkus = db.prepare(
    `SELECT order_ref AS orderRef, products FROM invitations
       WHERE trkref = ? AND customer_hash = ? AND created_at >= ? AND status IN ('scheduled', 'due')`,
  );
  const released = db.prepare(
    `SELECT id, released_at AS releasedAt, products FROM invitations
       WHERE trkref = ? AND customer_hash = ? AND status = 'due' AND released_at >= ?
     ORDER BY released_at, id`,
  );
  // invitations_due: the timers, read in due order.
  const due = db.prepare(
    `SELECT ${INVITATION_COLUMNS} FROM invitations
       WHERE status = 'scheduled' AND due_at <= ? ORDER BY due_at, id LIMIT ?`,
  );

  return {
    /** Writes each invitation whole: inserted, or replacing the row with its id. */
    save(rows: readonly InvitationRow[]): void {
      for (const row of rows) upsert.run(toColumns(row));
    },
    findByOrder(trkref: string, orderRef: string): InvitationRow | undefined {
      const row = byOrder.get(trkref, orderRef) as InvitationColumns | undefined;
      return row && toInvitationRow(row);
    },
    /** The invitation with this id, if it is one of these organisations' ("any": of any). */
    findById(id: string, trkrefs: readonly string[] | "any"): InvitationRow | undefined {
      const row = (trkrefs === "any" ? byId.get(id) : byIdAmong.get(id, JSON.stringify(trkrefs))) as
        | InvitationColumns
        | undefined;
      return row && toInvitationRow(row);
    },
    /** The customer's scheduled or due invitations created at or after `since`, with their SKUs. */
    findInvitedSkus(
      trkref: string,
      customerHash: string,
      since: string,
    ): { orderRef: string; skus: string[] }[] {
      const rows = invitedSkus.all(trkref, customerHash, since) as { orderRef: string; products: string }[];
      return rows.map(({ orderRef, products }) => ({ orderRef, skus: skusOf(products) }));
    },
    /** The customer's invitations released as due at or after `since`. */
    findReleased(trkref: string, customerHash: string, since: string): ReleasedInvitation[] {
      const rows = released.all(trkref, customerHash, since) as {
        id: string;
        releasedAt: string;
        products: string;
      }[];
      return rows.map((row) => ({ ...row, products: decodeProducts(row.products) }));
    },
    /** Up to `limit` scheduled invitations due at or before `now`, by due time then id. */
    findDue(now: string, limit: number): InvitationRow[] {
      return (due.all(now, limit) as InvitationColumns[]).map(toInvitationRow);
    },
  };
}

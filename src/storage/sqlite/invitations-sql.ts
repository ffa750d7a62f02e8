import type Database from "better-sqlite3";
import type { ReleasedInvitation } from "../../domain/invitation-release.js";
import type {
  DeliveryStatus,
  Invitation,
  InvitationProduct,
  InvitationRow,
  InvitationStatus,
} from "../../domain/invitations.js";

/** A row of the invitations table as SQLite returns it. */
export interface InvitationColumns {
  id: string;
  trkref: string;
  order_ref: string;
  customer_hash: string | null;
  status: InvitationStatus;
  reason: Invitation["reason"];
  trigger_date: string | null;
  due_at: string | null;
  /** JSON: the products, as `InvitationProduct[]`. */
  products: string;
  created_at: string;
  updated_at: string;
  released_at: string | null;
  delivery_status: DeliveryStatus | null;
  delivery_reported_at: string | null;
}

export const INVITATION_COLUMNS = `id, trkref, order_ref, customer_hash, status, reason, trigger_date, due_at,
  products, created_at, updated_at, released_at, delivery_status, delivery_reported_at`;

/** The invitation as served: without its customer's hash, which never leaves the store. */
export const toInvitation = (row: InvitationColumns): Invitation => ({
  id: row.id,
  trkref: row.trkref,
  orderRef: row.order_ref,
  status: row.status,
  reason: row.reason,
  triggerDate: row.trigger_date,
  dueAt: row.due_at,
  products: JSON.parse(row.products) as InvitationProduct[],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  releasedAt: row.released_at,
  delivery:
    row.delivery_status === null
      ? null
      : { status: row.delivery_status, reportedAt: row.delivery_reported_at ?? row.updated_at },
});

/** The served invitation of a row read in a transaction: its customer's hash left behind. */
export function servedInvitation(row: InvitationRow): Invitation {
  const { customerHash: _hash, ...invitation } = row;
  return invitation;
}

export const toInvitationRow = (row: InvitationColumns): InvitationRow => ({
  ...toInvitation(row),
  customerHash: row.customer_hash,
});

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

const skusOf = (products: string): string[] =>
  (JSON.parse(products) as InvitationProduct[]).map((product) => product.sku);

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
      return rows.map((row) => ({ ...row, products: JSON.parse(row.products) as InvitationProduct[] }));
    },
    /** Up to `limit` scheduled invitations due at or before `now`, by due time then id. */
    findDue(now: string, limit: number): InvitationRow[] {
      return (due.all(now, limit) as InvitationColumns[]).map(toInvitationRow);
    },
  };
}

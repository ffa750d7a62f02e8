import type {
  DeliveryStatus,
  Invitation,
  InvitationProduct,
  InvitationRow,
  InvitationStatus,
} from "../domain/invitations.js";

/**
 * An `invitations` row as a driver reads it: `Time` is how it reads a time column (SQLite text, a Date from
 * pg), `Json` the products column (JSON text, or the value pg parsed from jsonb).
 */
export interface InvitationColumns<Time, Json> {
  id: string;
  trkref: string;
  order_ref: string;
  customer_hash: string | null;
  status: InvitationStatus;
  reason: Invitation["reason"];
  /** A calendar day, `yyyy-mm-dd`. */
  trigger_date: string | null;
  due_at: Time | null;
  products: Json;
  created_at: Time;
  updated_at: Time;
  released_at: Time | null;
  delivery_status: DeliveryStatus | null;
  delivery_reported_at: Time | null;
}

const textOf = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * The stored products, read through a check rather than cast: JSON text or the value a driver parsed, each
 * entry member by member; one that names no SKU is not a product, and unreadable text is none.
 */
export function decodeProducts(stored: unknown): InvitationProduct[] {
  let value = stored;
  if (typeof stored === "string") {
    try {
      value = JSON.parse(stored);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  const products: InvitationProduct[] = [];
  for (const entry of value as { sku?: unknown; price?: unknown; currency?: unknown }[]) {
    const sku = textOf(entry?.sku);
    if (sku === undefined) continue;
    const price = textOf(entry.price);
    const currency = textOf(entry.currency);
    products.push({
      sku,
      ...(price !== undefined && { price }),
      ...(currency !== undefined && { currency }),
    });
  }
  return products;
}

/** The row as the algorithms read it, its times as UTC ISO text (`timeText` turns the driver's into it). */
export function invitationRowOf<Time>(
  row: InvitationColumns<Time, unknown>,
  timeText: (time: Time) => string,
): InvitationRow {
  const orNull = (time: Time | null) => (time === null ? null : timeText(time));
  return {
    id: row.id,
    trkref: row.trkref,
    orderRef: row.order_ref,
    customerHash: row.customer_hash,
    status: row.status,
    reason: row.reason,
    triggerDate: row.trigger_date,
    dueAt: orNull(row.due_at),
    products: decodeProducts(row.products),
    createdAt: timeText(row.created_at),
    updatedAt: timeText(row.updated_at),
    releasedAt: orNull(row.released_at),
    delivery:
      row.delivery_status === null || row.delivery_reported_at === null
        ? null
        : { status: row.delivery_status, reportedAt: timeText(row.delivery_reported_at) },
  };
}

import { copyWithout } from "../domain/json-access.js";
import type { MetadataValue, NormalisedItem, NormalisedOrder } from "../domain/normalised-order.js";

/** The columns of an order row that hold the order itself, as every adapter reads them back. */
export interface OrderColumns {
  trkref: string;
  order_ref: string;
  order_date: string | null;
  fulfilment_date: string | null;
  language: string | null;
  locale: string | null;
  customer_email: string;
  customer_ref: string | null;
  customer_title: string | null;
  customer_first_name: string | null;
  customer_surname: string | null;
  customer_postcode: string | null;
  customer_country: string | null;
}

/** The order columns in the order the INSERT statements list them. */
export const ORDER_COLUMN_NAMES = [
  "trkref",
  "order_ref",
  "order_date",
  "fulfilment_date",
  "language",
  "locale",
  "customer_email",
  "customer_ref",
  "customer_title",
  "customer_first_name",
  "customer_surname",
  "customer_postcode",
  "customer_country",
] as const satisfies readonly (keyof OrderColumns)[];

/** The columns of one item row, its metadata already parsed. */
export interface ItemColumns {
  sku: string;
  price: string | null;
  currency: string | null;
  metadata: Record<string, MetadataValue> | null;
}

/** Copies the non-null columns into an object, so that "not sent" stays absent rather than null. */
function present<T extends object>(fields: { [K in keyof T]-?: unknown }): T {
  return copyWithout(fields, null) as T;
}

/** The normalised order that a row and its items store. */
export function orderFromColumns(row: OrderColumns, items: ItemColumns[]): NormalisedOrder {
  return {
    ...present<Omit<NormalisedOrder, "customer" | "order_items">>({
      trkref: row.trkref,
      order_ref: row.order_ref,
      order_date: row.order_date,
      fulfilment_date: row.fulfilment_date,
      language: row.language,
      locale: row.locale,
    }),
    customer: present<NormalisedOrder["customer"]>({
      email: row.customer_email,
      customer_ref: row.customer_ref,
      title: row.customer_title,
      first_name: row.customer_first_name,
      surname: row.customer_surname,
      postcode: row.customer_postcode,
      country: row.customer_country,
    }),
    order_items: items.map((item) => present<NormalisedItem>(item)),
  };
}

/** The columns an order is written to: the inverse of orderFromColumns, unsent fields as NULL. */
export function orderToColumns(order: NormalisedOrder): OrderColumns {
  const c = order.customer;
  return {
    trkref: order.trkref,
    order_ref: order.order_ref,
    order_date: order.order_date ?? null,
    fulfilment_date: order.fulfilment_date ?? null,
    language: order.language ?? null,
    locale: order.locale ?? null,
    customer_email: c.email,
    customer_ref: c.customer_ref ?? null,
    customer_title: c.title ?? null,
    customer_first_name: c.first_name ?? null,
    customer_surname: c.surname ?? null,
    customer_postcode: c.postcode ?? null,
    customer_country: c.country ?? null,
  };
}

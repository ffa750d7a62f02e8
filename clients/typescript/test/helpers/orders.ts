import type { OrderDocument } from "../../src/index.js";

/** A valid order of `trkref` with two items, an email and a customer_ref of its own, derived from `orderRef`. */
export function orderOf(trkref: string, orderRef: string): OrderDocument {
  const handle = orderRef.toLowerCase();
  return {
    trkref,
    order_ref: orderRef,
    order_date: "25-09-2021",
    customer: { email: `${handle}@example.com`, customer_ref: `CUST-${orderRef}`, country: "GB" },
    order_items: [
      { sku: "TSHIRT-BLUE-M", price: "55,99", currency: "GBP" },
      { sku: "MUG-001", price: "12,50", currency: "GBP" },
    ],
  };
}

/** `count` valid orders of `trkref`, with order_refs `<prefix>-00000`, `<prefix>-00001`, … */
export function ordersOf(trkref: string, prefix: string, count: number): OrderDocument[] {
  return Array.from({ length: count }, (_, n) => orderOf(trkref, `${prefix}-${String(n).padStart(5, "0")}`));
}

/** The same order with a date that is not a real one: refused with `invalid_date` at `/order_date`. */
export function withInvalidDate(order: OrderDocument): OrderDocument {
  return { ...order, order_date: "31-02-2021" };
}

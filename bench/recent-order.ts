import { exampleOrder } from "../src/domain/order-example.js";

/** A date in the order document's wire format, `dd-mm-yyyy` (its UTC day). */
export function wireDate(date: Date): string {
  const [year, month, day] = date.toISOString().slice(0, 10).split("-");
  return `${day}-${month}-${year}`;
}

/**
 * The API reference's example order under `orderRef`, ordered and fulfilled on `today`, for the customer
 * `email`. Its own 2021 dates are past the invitation policy's maximum order age, so its invitation would be
 * skipped; and a customer's next order of the same products within a year is skipped for want of products
 * to review, so an order whose invitation is to be scheduled needs a customer of its own.
 */
export function recentExampleOrder(trkref: string, orderRef: string, email: string, today: Date) {
  const example = exampleOrder(trkref);
  return {
    ...example,
    order_ref: orderRef,
    order_date: wireDate(today),
    fulfilment_date: wireDate(today),
    customer: { ...example.customer, email },
  };
}

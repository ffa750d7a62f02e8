/**
 * The organisation `order-intake quickstart` creates. The API reference's examples name it, so that "Try it
 * out" on a quickstart service submits them as they are.
 */
export const DEMO_TRKREF = "DEMO";

/**
 * A complete, valid order document for `trkref`, as a merchant would send it. Its type is inferred rather
 * than declared as `CustomerOrderDocument`, because the schema that defines that type uses this example.
 */
export function exampleOrder(trkref: string) {
  return {
    trkref,
    order_ref: "ORD-2021-000123",
    order_date: "25-09-2021",
    fulfilment_date: "27-09-2021",
    language: "en",
    locale: "en-GB",
    customer: {
      email: "jane.doe@example.com",
      customer_ref: "CUST-0042",
      title: "Ms",
      first_name: "Jane",
      surname: "Doe",
      postcode: "SW1A 1AA",
      country: "GB",
    },
    order_items: [
      {
        sku: "TSHIRT-BLUE-M",
        price: "55,99",
        currency: "GBP",
        metadata: { field_1: "gift wrapped", colour: "blue" },
      },
      { sku: "MUG-001", price: 12.5, currency: "GBP" },
    ],
  };
}

/** The smallest valid order document for `trkref`: only what is required. */
export function minimalExampleOrder(trkref: string) {
  return {
    trkref,
    order_ref: "ORD-2021-000124",
    order_date: "26-09-2021",
    customer: { email: "john.smith@example.com" },
    order_items: [{ sku: "MUG-001" }],
  };
}

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mergeOrder } from "../../src/domain/merge-order.js";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";

const base: NormalisedOrder = {
  trkref: "ACME",
  order_ref: "O-1",
  order_date: "2021-09-25",
  customer: { email: "a@example.com", first_name: "Ana" },
  order_items: [{ sku: "S-1", price: "1.00" }],
};

describe("mergeOrder", () => {
  it("creates an order that does not exist yet", () => {
    assert.deepEqual(mergeOrder(undefined, base), { outcome: "created", order: base });
  });

  it("is a duplicate when nothing changes, whatever the key order", () => {
    const reordered: NormalisedOrder = {
      order_items: [{ price: "1.00", sku: "S-1" }],
      customer: { first_name: "Ana", email: "a@example.com" },
      order_date: "2021-09-25",
      order_ref: "O-1",
      trkref: "ACME",
    };
    assert.equal(mergeOrder(base, reordered).outcome, "duplicate");
  });

  it("keeps fields a later submission leaves out and adds the ones it sends", () => {
    const later: NormalisedOrder = {
      ...base,
      fulfilment_date: "2021-09-27",
      customer: { email: "a@example.com" },
    };
    delete later.order_date;
    const merged = mergeOrder(base, later);
    assert.equal(merged.outcome, "updated");
    assert.ok("order" in merged);
    const { order } = merged;
    assert.equal(order.order_date, "2021-09-25");
    assert.equal(order.fulfilment_date, "2021-09-27");
    assert.equal(order.customer.first_name, "Ana");
  });

  it("takes the submission's items as the new list", () => {
    const merged = mergeOrder(base, { ...base, order_items: [{ sku: "S-2" }] });
    assert.equal(merged.outcome, "updated");
    assert.ok("order" in merged);
    assert.deepEqual(merged.order.order_items, [{ sku: "S-2" }]);
  });

  it("fails a submission whose fulfilment date would fall before the stored order date", () => {
    const later: NormalisedOrder = { ...base, fulfilment_date: "2021-09-20" };
    delete later.order_date;
    assert.deepEqual(mergeOrder(base, later), {
      outcome: "failed",
      reason: "fulfilment_date 2021-09-20 would fall before the order's order_date 2021-09-25",
    });
  });
});

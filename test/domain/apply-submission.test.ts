import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applySubmission } from "../../src/domain/apply-submission.js";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";

const base: NormalisedOrder = {
  trkref: "ACME",
  order_ref: "O-1",
  order_date: "2021-09-25",
  customer: { email: "a@example.com", first_name: "Ana" },
  order_items: [{ sku: "S-1", price: "1.00" }],
};

describe("applySubmission", () => {
  it("creates an order that does not exist yet", () => {
    assert.deepEqual(applySubmission(undefined, base), { outcome: "created", order: base });
  });

  it("is a duplicate when nothing changes, whatever the key order", () => {
    const reordered: NormalisedOrder = {
      order_items: [{ price: "1.00", sku: "S-1" }],
      customer: { first_name: "Ana", email: "a@example.com" },
      order_date: "2021-09-25",
      order_ref: "O-1",
      trkref: "ACME",
    };
    assert.equal(applySubmission(base, reordered).outcome, "duplicate");
  });

  it("replaces the order with the submission: what it leaves out is gone, what it sends is taken", () => {
    const later: NormalisedOrder = {
      ...base,
      fulfilment_date: "2021-09-27",
      customer: { email: "a@example.com" },
    };
    delete later.order_date;
    const merged = applySubmission(base, later);
    assert.equal(merged.outcome, "updated");
    assert.deepEqual(merged.order, later);
    assert.equal(merged.order.order_date, undefined);
    assert.equal(merged.order.customer.first_name, undefined);
  });

  it("takes the submission's items as the new list", () => {
    const merged = applySubmission(base, { ...base, order_items: [{ sku: "S-2" }] });
    assert.equal(merged.outcome, "updated");
    assert.ok("order" in merged);
    assert.deepEqual(merged.order.order_items, [{ sku: "S-2" }]);
  });

  it("takes a fulfilment date before the stored order date when the submission leaves the order date out", () => {
    const later: NormalisedOrder = { ...base, fulfilment_date: "2021-09-20" };
    delete later.order_date;
    assert.deepEqual(applySubmission(base, later), { outcome: "updated", order: later });
  });

  it("compares nested metadata by value: the same values are a duplicate, a change deep inside an update", () => {
    const withMetadata = (metadata: NonNullable<NormalisedOrder["order_items"][0]["metadata"]>) => ({
      ...base,
      order_items: [{ sku: "S-1", price: "1.00", metadata }],
    });
    const stored = withMetadata({ engraving: { lines: ["For Ana", "25"], font: "serif" }, sizes: [1, [2]] });
    const same = withMetadata({ sizes: [1, [2]], engraving: { font: "serif", lines: ["For Ana", "25"] } });
    assert.equal(applySubmission(stored, same).outcome, "duplicate");
    const reordered = withMetadata({
      engraving: { lines: ["25", "For Ana"], font: "serif" },
      sizes: [1, [2]],
    });
    assert.equal(applySubmission(stored, reordered).outcome, "updated");
    const deeper = withMetadata({
      engraving: { lines: ["For Ana", "25"], font: "serif" },
      sizes: [1, [2, 3]],
    });
    const merged = applySubmission(stored, deeper);
    assert.equal(merged.outcome, "updated");
    assert.ok("order" in merged);
    assert.deepEqual(merged.order.order_items[0]?.metadata?.sizes, [1, [2, 3]]);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applySubmissionsInOrder, orderKey } from "../../src/domain/apply-submissions-in-order.js";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";

const order = (orderRef: string, changes: Partial<NormalisedOrder> = {}): NormalisedOrder => ({
  trkref: "ACME",
  order_ref: orderRef,
  order_date: "2021-09-25",
  customer: { email: "a@example.com" },
  order_items: [{ sku: "S-1", price: "1.00" }],
  ...changes,
});

describe("applySubmissionsInOrder", () => {
  it("applies each submission to the order as the ones before it left it", () => {
    const stored = new Map([[orderKey(order("O-1")), order("O-1")]]);
    const later = order("O-1", { fulfilment_date: "2021-09-27" });
    const { outcomes, changed } = applySubmissionsInOrder(stored, [
      { id: "s1", order: order("O-1") },
      { id: "s2", order: later },
      { id: "s3", order: structuredClone(later) },
      { id: "s4", order: order("O-2") },
      { id: "s5", order: order("O-1") },
    ]);

    assert.deepEqual(outcomes, ["duplicate", "updated", "duplicate", "created", "updated"]);
    assert.deepEqual(changed, [
      { order: order("O-1"), lastSubmissionId: "s5", wasStored: true },
      { order: order("O-2"), lastSubmissionId: "s4", wasStored: false },
    ]);
  });

  it("changes nothing when every submission is a duplicate, and leaves the stored orders as they were", () => {
    const stored = new Map([[orderKey(order("O-1")), order("O-1")]]);
    const { outcomes, changed } = applySubmissionsInOrder(stored, [{ id: "s1", order: order("O-1") }]);

    assert.deepEqual(outcomes, ["duplicate"]);
    assert.deepEqual(changed, []);
    assert.deepEqual([...stored.values()], [order("O-1")]);
  });

  it("tells orders apart by trkref as well as order ref", () => {
    const { outcomes } = applySubmissionsInOrder(new Map(), [
      { id: "s1", order: order("O-1") },
      { id: "s2", order: { ...order("O-1"), trkref: "OTHER" } },
    ]);
    assert.deepEqual(outcomes, ["created", "created"]);
  });
});

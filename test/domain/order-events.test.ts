import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applySubmissionsInOrder } from "../../src/domain/apply-submissions-in-order.js";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import { orderChangeEvent, previousAttributes } from "../../src/domain/order-events.js";

const order = (changes: Partial<NormalisedOrder> = {}): NormalisedOrder => ({
  trkref: "ACME",
  order_ref: "O-1",
  order_date: "2021-09-25",
  customer: { email: "jane@example.com", first_name: "Jane" },
  order_items: [{ sku: "A", price: "1.00" }],
  ...changes,
});

describe("previousAttributes", () => {
  it("names each changed field with its previous value, null when it was absent", () => {
    const before = order();
    const after = order({
      order_date: "2021-09-26",
      fulfilment_date: "2021-09-27",
      customer: { email: "jane@example.com", surname: "Doe" },
      order_items: [{ sku: "A", price: "2.00" }],
    });
    assert.deepEqual(previousAttributes(before, after), {
      order_date: "2021-09-25",
      fulfilment_date: null,
      customer: { first_name: "Jane", surname: null },
      order_items: [{ sku: "A", price: "1.00" }],
    });
  });

  it("names a field the submission left out, and nothing when nothing changed", () => {
    assert.deepEqual(previousAttributes(order(), order({ order_date: undefined })), {
      order_date: "2021-09-25",
    });
    assert.deepEqual(previousAttributes(order(), order()), {});
  });
});

describe("the changes applySubmissionsInOrder reports", () => {
  it("gives each non-duplicate submission its before and after, in order, for the events", () => {
    const first = order();
    const second = order({ fulfilment_date: "2021-09-27" });
    const { changes } = applySubmissionsInOrder(new Map(), [
      { id: "s1", order: first },
      { id: "s2", order: first },
      { id: "s3", order: second },
    ]);
    assert.deepEqual(changes, [
      { submissionId: "s1", before: undefined, after: first },
      { submissionId: "s3", before: first, after: second },
    ]);
    const [created, updated] = changes.map((change) =>
      orderChangeEvent(change, "id", "2026-01-01T00:00:00.000Z"),
    );
    assert.equal(created?.type, "order.created");
    assert.equal(updated?.type, "order.updated");
    assert.deepEqual(updated?.data.previous_attributes, { fulfilment_date: null });
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NormalisedOrder } from "../../../src/domain/normalised-order.js";
import type { OrderListQuery, Store, StoredOrder } from "../../../src/storage/store.js";
import { nextMillisecond } from "../../helpers/next-millisecond.js";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";

/** Commits the orders and processes them in one go: they share their creation (or update) time. */
async function processTogether(store: Store, orders: NormalisedOrder[]): Promise<void> {
  await nextMillisecond();
  await store.commitIntake([{ submissions: orders.map(submission) }]);
  await store.processPendingSubmissions(100);
}

const found = async (store: Store, orderRef: string): Promise<StoredOrder> => {
  const stored = await store.findOrder("ACME", orderRef);
  assert.ok(stored, `${orderRef} is stored`);
  return stored;
};

/** Listing an organisation's orders, a keyset page at a time (`OrderStore.listOrders`). */
export function orderListingContract(open: OpenFixture): void {
  describe("orders: listing an organisation's", () => {
    const fixture = useFreshFixture(open);

    /** The order_refs `listOrders` answers, ACME's by creation, oldest first, unless the query says otherwise. */
    const listed = async (query: Partial<OrderListQuery> = {}) =>
      (
        await fixture().store.listOrders({
          trkref: "ACME",
          sortedBy: "created",
          direction: "ascending",
          limit: 100,
          ...query,
        })
      ).map((stored) => stored.order.order_ref);

    it("lists by creation time then order_ref, either way, after a position, within the limit", async () => {
      const { store } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      await processTogether(store, [
        order("L-2"),
        order("L-1"),
        order("L-3"),
        order("B-1", { trkref: "BETA" }),
      ]);
      await processTogether(store, [order("L-4"), order("L-0")]);

      assert.deepEqual(await listed(), ["L-1", "L-2", "L-3", "L-0", "L-4"]);
      assert.deepEqual(await listed({ direction: "descending" }), ["L-4", "L-0", "L-3", "L-2", "L-1"]);
      assert.deepEqual(await listed({ limit: 2 }), ["L-1", "L-2"]);
      const at = (await found(store, "L-2")).createdAt;
      assert.deepEqual(await listed({ after: { at, orderRef: "L-2" } }), ["L-3", "L-0", "L-4"]);
      assert.deepEqual(await listed({ after: { at, orderRef: "L-2" }, direction: "descending" }), ["L-1"]);
      assert.deepEqual(await listed({ trkref: "BETA" }), ["B-1"]);
      assert.deepEqual(await listed({ trkref: "NOBODY" }), []);
    });

    it("answers each order as findOrder does, items and metadata included", async () => {
      const { store } = fixture();
      await processTogether(store, [
        order("R-1"),
        order("R-2", { order_items: [{ sku: "A" }, { sku: "B" }] }),
      ]);
      const orders = await store.listOrders({
        trkref: "ACME",
        sortedBy: "created",
        direction: "ascending",
        limit: 10,
      });
      assert.deepEqual(orders, [await found(store, "R-1"), await found(store, "R-2")]);
    });

    it("filters by creation and by last update, strictly after, and sorts by the last update", async () => {
      const { store } = fixture();
      await processTogether(store, [order("U-1")]);
      await processTogether(store, [order("U-2")]);
      await processTogether(store, [order("U-1", { fulfilment_date: "2021-09-30" })]);
      const [first, second] = [await found(store, "U-1"), await found(store, "U-2")];
      assert.ok(first.updatedAt > second.updatedAt, "U-1 was updated after U-2 was created");

      assert.deepEqual(await listed(), ["U-1", "U-2"]);
      assert.deepEqual(await listed({ sortedBy: "updated" }), ["U-2", "U-1"]);
      assert.deepEqual(await listed({ sortedBy: "updated", direction: "descending" }), ["U-1", "U-2"]);
      assert.deepEqual(await listed({ createdAfter: first.createdAt }), ["U-2"]);
      assert.deepEqual(await listed({ updatedAfter: second.updatedAt, sortedBy: "updated" }), ["U-1"]);
      assert.deepEqual(await listed({ createdAfter: first.createdAt, updatedAfter: second.updatedAt }), []);
      const after = { at: second.updatedAt, orderRef: "U-2" };
      assert.deepEqual(await listed({ sortedBy: "updated", after }), ["U-1"]);
      assert.deepEqual(await listed({ sortedBy: "updated", after, direction: "descending" }), []);
    });

    it("breaks ties by order_ref code unit by code unit, whatever the database's collation", async () => {
      const refs = ["b", "B", "a-2", "a-10", "\u00c9", "z", "A b", "Ab"];
      await processTogether(
        fixture().store,
        refs.map((ref) => order(ref)),
      );
      const codeUnitOrder = [...refs].sort();
      assert.deepEqual(await listed(), codeUnitOrder);
      assert.deepEqual(await listed({ direction: "descending" }), [...codeUnitOrder].reverse());
    });
  });
}

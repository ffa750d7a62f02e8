import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NormalisedOrder } from "../../../src/domain/normalised-order.js";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";

/**
 * Processing accepted submissions into orders: each one's outcome, the order record it leaves, a refusal
 * isolated to its submission, and seq order kept when processors race.
 */
export function processingContract(open: OpenFixture): void {
  describe("processing: submissions into orders", () => {
    const fixture = useFreshFixture(open);

    it("processes in acceptance order: created, updated, duplicate, with the order record replaced", async () => {
      const { store } = fixture();
      const first = submission(order("P-1", { order_date: "2021-09-25" }));
      const second = submission(order("P-1", { fulfilment_date: "2021-09-27" }));
      const third = submission(order("P-1", { fulfilment_date: "2021-09-27" }));
      await store.commitIntake([{ submissions: [first] }]);
      await store.commitIntake([{ submissions: [second, third] }]);
      while ((await store.processPendingSubmissions(2)).taken > 0) {}
      assert.equal((await store.findSubmission(first.id))?.outcome, "created");
      assert.equal((await store.findSubmission(second.id))?.outcome, "updated");
      assert.equal((await store.findSubmission(third.id))?.outcome, "duplicate");
      assert.equal((await store.findSubmission(third.id))?.status, "processed");
      const stored = await store.findOrder("ACME", "P-1");
      assert.deepEqual(stored?.order, order("P-1", { fulfilment_date: "2021-09-27" }));
      assert.equal(stored?.lastSubmissionId, second.id);
      assert.equal(await store.countPendingSubmissions(), 0);
    });

    it("round-trips every normalised field and omits what was not sent", async () => {
      const { store } = fixture();
      const full: NormalisedOrder = {
        trkref: "ACME",
        order_ref: "FULL-1",
        order_date: "2024-02-29",
        fulfilment_date: "2024-03-01",
        language: "de",
        locale: "de-DE",
        customer: {
          email: "a@b.example",
          customer_ref: "C-1",
          title: "Dr",
          first_name: "Ana",
          surname: "Bé",
          postcode: "10115",
          country: "DE",
        },
        order_items: [{ sku: "1" }, { sku: "2", price: "0.5", currency: "EUR", metadata: { a: null } }],
      };
      await store.commitIntake([{ submissions: [submission(full)] }]);
      await store.processPendingSubmissions(10);
      assert.deepEqual((await store.findOrder("ACME", "FULL-1"))?.order, full);
    });

    it("stores nested metadata as sent, reads it back, and sees the same values again as a duplicate", async () => {
      const { store } = fixture();
      const metadata = {
        engraving: { lines: ["For Ana", "25 years", ""], font: { family: "serif", size: 12.5 } },
        sizes: [1, -2, null, true, [], {}, [["x", { "Gift Wrap": "yes" }]]],
        "": { "a/b~c": "\u2028 😀", constructor: "kept as data" },
      };
      const nested = order("NESTED-1", {
        order_items: [{ sku: "S", currency: "JPY", price: "1999", metadata }],
      });
      const first = submission(nested);
      const again = submission(
        order("NESTED-1", {
          order_items: [{ sku: "S", currency: "JPY", price: "1999", metadata: structuredClone(metadata) }],
        }),
      );
      await store.commitIntake([{ submissions: [first] }]);
      await store.processPendingSubmissions(10);
      assert.deepEqual((await store.findOrder("ACME", "NESTED-1"))?.order, nested);
      await store.commitIntake([{ submissions: [again] }]);
      await store.processPendingSubmissions(10);
      assert.equal((await store.findSubmission(again.id))?.outcome, "duplicate");
    });

    it("replaces the order with each resubmission: what it leaves out is gone", async () => {
      const { store } = fixture();
      const placed = submission(order("F-1", { order_date: "2021-09-25" }));
      const { order_date: _, ...withoutOrderDate } = order("F-1");
      // A fulfilment date before the order date of the stored order: valid, as the document is the order now.
      const fulfilled = submission({ ...withoutOrderDate, fulfilment_date: "2021-09-20" });
      await store.commitIntake([{ submissions: [placed] }, { submissions: [fulfilled] }]);
      while ((await store.processPendingSubmissions(10)).taken > 0) {}
      assert.equal((await store.findSubmission(fulfilled.id))?.outcome, "updated");
      const stored = await store.findOrder("ACME", "F-1");
      assert.deepEqual(stored?.order, fulfilled.order);
      assert.equal(stored?.order.order_date, undefined);
      assert.equal(stored?.lastSubmissionId, fulfilled.id);
    });

    it("applies many submissions of one order in one processing batch as it would one at a time", async () => {
      const { store } = fixture();
      const placed = submission(order("MANY-1"));
      const twoItems = submission(
        order("MANY-1", {
          order_items: [
            { sku: "SKU-1", price: "55.99", currency: "GBP" },
            { sku: "SKU-2", price: "0.50", currency: "GBP", metadata: { gift: true } },
          ],
        }),
      );
      const sameAgain = submission(structuredClone(twoItems.order));
      const placedAgain = submission(order("MANY-1"));
      const unchanged = submission(order("MANY-1"));
      const other = submission(order("MANY-2"));
      const all = [placed, twoItems, sameAgain, other, placedAgain, unchanged];
      await store.commitIntake([{ submissions: all }]);
      assert.equal((await store.processPendingSubmissions(10)).taken, all.length, "one batch takes them all");

      const outcomes = await Promise.all(all.map(async (s) => (await store.findSubmission(s.id))?.outcome));
      assert.deepEqual(outcomes, ["created", "updated", "duplicate", "created", "updated", "duplicate"]);
      const stored = await store.findOrder("ACME", "MANY-1");
      assert.deepEqual(stored?.order, placedAgain.order, "the last change is the order, its items replaced");
      assert.equal(stored?.lastSubmissionId, placedAgain.id, "a duplicate is not the order's last change");
      assert.equal((await store.findOrder("ACME", "MANY-2"))?.lastSubmissionId, other.id);
    });

    it("fails only the submission the database refuses, and applies the rest of its batch", async () => {
      const { store, refuseOrdersNamed } = fixture();
      await refuseOrdersNamed("POISON");
      const submissions = ["GOOD-1", "POISON", "GOOD-2"].map((ref) => submission(order(ref)));
      await store.commitIntake([{ submissions }]);
      assert.equal((await store.processPendingSubmissions(10)).taken, 3);

      const outcomes = await Promise.all(submissions.map((s) => store.findSubmission(s.id)));
      assert.deepEqual(
        outcomes.map((s) => [s?.orderRef, s?.status]),
        [
          ["GOOD-1", "processed"],
          ["POISON", "failed"],
          ["GOOD-2", "processed"],
        ],
      );
      assert.match(outcomes[1]?.failureReason ?? "", /poisoned order/);
      assert.equal(outcomes[1]?.failureCode, "not_storable");
      assert.equal(outcomes[0]?.failureCode, null);
      assert.equal(await store.findOrder("ACME", "POISON"), undefined);
      assert.ok(await store.findOrder("ACME", "GOOD-2"));
    });

    it("applies one order's submissions in seq order when groups commit concurrently and processors race", async () => {
      const { store } = fixture();
      // Each group is its own commit; on PostgreSQL they run at once on several connections.
      const versions = Array.from({ length: 12 }, (_, n) =>
        submission(order("RACE-1", { fulfilment_date: `2021-10-${String(10 + n).padStart(2, "0")}` })),
      );
      await Promise.all(versions.map((version) => store.commitIntake([{ submissions: [version] }])));
      const drain = async () => {
        while ((await store.processPendingSubmissions(3)).taken > 0) {}
      };
      await Promise.all([drain(), drain()]);
      await drain();

      const listed = await store.listSubmissionsForOrder("ACME", "RACE-1");
      assert.equal(listed.length, versions.length);
      assert.deepEqual(
        listed.map((s) => s.outcome),
        ["created", ...Array(versions.length - 1).fill("updated")],
        "in seq order: created first, then every one an update",
      );
      const lastInSeqOrder = listed.at(-1)?.id;
      const last = versions.find((version) => version.id === lastInSeqOrder);
      const stored = await store.findOrder("ACME", "RACE-1");
      assert.equal(
        stored?.order.fulfilment_date,
        last?.order.fulfilment_date,
        "the record is the last one's",
      );
      assert.equal(stored?.lastSubmissionId, lastInSeqOrder);
    });
  });
}

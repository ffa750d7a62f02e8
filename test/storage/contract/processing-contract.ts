import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { customerHasherOfKey, withoutPersonalData } from "../../../src/domain/customer-privacy.js";
import type { NormalisedOrder } from "../../../src/domain/normalised-order.js";
import type { Store } from "../../../src/storage/store.js";
import {
  type OpenFixture,
  order,
  type StoreFixture,
  submission,
  useFreshFixture,
} from "./contract-fixture.js";

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

  describe("processing: customers' hashes and suppression", () => {
    const fixture = useFreshFixture(open);
    const hasherOf = async (store: Store) => customerHasherOfKey(await store.customerHashKey());
    const suppress = (store: Store, customerHash: string) =>
      store.addSuppressions([
        { trkref: "ACME", customerHash, reason: "requested", createdAt: new Date().toISOString() },
      ]);
    const orderRow = async (query: StoreFixture["query"], orderRef: string) => {
      const [row] = await query(
        `SELECT customer_hash, customer_ref_hash, suppressed FROM orders
         WHERE trkref = 'ACME' AND order_ref = '${orderRef}'`,
      );
      return row && { ...row, suppressed: Boolean(row.suppressed) };
    };
    const submissionRow = async (query: StoreFixture["query"], id: string) => {
      const [row] = await query(
        `SELECT customer_hash, suppressed, raw, document FROM submissions WHERE id = '${id}'`,
      );
      if (!row) return undefined;
      return {
        customer_hash: row.customer_hash,
        suppressed: Boolean(row.suppressed),
        raw: row.raw,
        // SQLite keeps the text; pg parses a json column.
        document: typeof row.document === "string" ? JSON.parse(row.document) : row.document,
      };
    };

    it("writes the hashes of the customer's email and customer_ref on every order it saves", async () => {
      const { store, query } = fixture();
      const hasher = await hasherOf(store);
      const withRef = order("H-1", { customer: { email: "Jane@Example.com", customer_ref: "C-9" } });
      const placed = submission(withRef);
      const changed = submission(order("H-2", { customer: { email: "max@example.com" } }));
      await store.commitIntake([{ submissions: [placed, submission(order("H-2")), changed] }]);
      await store.processPendingSubmissions(10);
      assert.deepEqual(await orderRow(query, "H-1"), {
        customer_hash: hasher.email("ACME", "jane@example.com"),
        customer_ref_hash: hasher.customerRef("ACME", "C-9"),
        suppressed: false,
      });
      assert.deepEqual(
        await orderRow(query, "H-2"),
        {
          customer_hash: hasher.email("ACME", "max@example.com"),
          customer_ref_hash: null,
          suppressed: false,
        },
        "the order as its last change left it",
      );
      assert.equal((await store.findOrder("ACME", "H-1"))?.suppressed, false);
    });

    it("writes the email's hash of each submission at intake, and whether it was suppressed", async () => {
      const { store, query } = fixture();
      const hasher = await hasherOf(store);
      const customerHash = hasher.email("ACME", "jane@example.com");
      const hashed = { ...submission(order("I-1")), customerHash };
      const stripped = withoutPersonalData(order("I-2"));
      const suppressed = { ...submission(stripped), raw: "", customerHash, suppressed: true };
      const previousRelease = submission(order("I-3"));
      await store.commitIntake([{ submissions: [hashed, suppressed, previousRelease] }]);
      assert.deepEqual(
        [await submissionRow(query, hashed.id), await submissionRow(query, suppressed.id)].map(
          (row) => row && [row.customer_hash, row.suppressed, row.raw === ""],
        ),
        [
          [customerHash, false, false],
          [customerHash, true, true],
        ],
      );
      assert.equal((await submissionRow(query, previousRelease.id))?.customer_hash, null);

      await store.processPendingSubmissions(10);
      const kept = await store.findOrder("ACME", "I-2");
      assert.deepEqual(kept?.order, stripped);
      assert.equal(kept?.suppressed, true);
      assert.deepEqual(await orderRow(query, "I-2"), {
        customer_hash: customerHash,
        customer_ref_hash: null,
        suppressed: true,
      });
    });

    it("applies a suppressed customer's submission without their data, and keeps it so", async () => {
      const { store, query } = fixture();
      const hasher = await hasherOf(store);
      const before = order("S-1", {
        customer: { email: "jane@example.com", first_name: "Jane", surname: "Doe", country: "GB" },
      });
      const placed = { ...submission(before), customerHash: hasher.email("ACME", "jane@example.com") };
      await store.commitIntake([{ submissions: [placed] }]);
      await store.processPendingSubmissions(10);

      // The intake's cache had not seen the suppression yet: processing is the authoritative check.
      assert.equal(await suppress(store, hasher.email("ACME", "JANE@example.com")), 1);
      const again = submission(order("S-1", { ...before, fulfilment_date: "2021-09-30" }));
      const other = submission(order("S-2", { customer: { email: "max@example.com", first_name: "Max" } }));
      // A row as the previous release wrote it, without a hash: processing makes it from the document.
      const unhashed = submission(order("S-3", { customer: { email: " Jane@Example.com", postcode: "N1" } }));
      await store.commitIntake([{ submissions: [again, other, unhashed] }]);
      assert.equal((await store.processPendingSubmissions(10)).taken, 3);

      const stripped = withoutPersonalData(again.order);
      assert.deepEqual(stripped.customer, { email: "", country: "GB" });
      const kept = await store.findOrder("ACME", "S-1");
      assert.deepEqual(kept?.order, stripped);
      assert.equal(kept?.suppressed, true);
      assert.deepEqual(await orderRow(query, "S-1"), {
        customer_hash: hasher.email("ACME", "jane@example.com"),
        customer_ref_hash: null,
        suppressed: true,
      });
      const row = await submissionRow(query, again.id);
      assert.deepEqual(row?.document, stripped);
      assert.equal(row?.raw, "");
      assert.equal(row?.suppressed, true);
      assert.equal((await store.findSubmission(again.id))?.outcome, "updated");
      assert.deepEqual((await store.findOrder("ACME", "S-3"))?.order, withoutPersonalData(unhashed.order));
      assert.equal(
        (await submissionRow(query, unhashed.id))?.customer_hash,
        hasher.email("ACME", "jane@example.com"),
      );

      const untouched = await store.findOrder("ACME", "S-2");
      assert.deepEqual(untouched?.order, other.order, "another customer of the batch keeps their data");
      assert.equal(untouched?.suppressed, false);
      assert.equal((await submissionRow(query, other.id))?.suppressed, false);

      const events = await store.listEvents({ trkref: "ACME", limit: 10 });
      const updated = events.find((e) => e.type === "order.updated" && e.orderRef === "S-1");
      assert.ok(updated);
      const data = JSON.parse(updated.data);
      assert.deepEqual(data.order, stripped, "the event carries the stripped order");
      assert.doesNotMatch(updated.data, /jane|Jane|Doe|field_1/, "nor what the order held before");
      const listed = await store.listOrders({
        trkref: "ACME",
        sortedBy: "created",
        direction: "ascending",
        limit: 10,
      });
      assert.deepEqual(
        listed.map((o) => [o.order.order_ref, o.suppressed]),
        [
          ["S-1", true],
          ["S-2", false],
          ["S-3", true],
        ],
      );
    });
  });
}

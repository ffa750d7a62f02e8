import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import {
  type AccessChange,
  type Store,
  StoreConflictError,
  StoreNotFoundError,
} from "../../src/storage/store.js";
import { eventually } from "../helpers/eventually.js";

/** Opens a fresh, empty store of one adapter, and disposes of it afterwards. */
export interface StoreFixture {
  store: Store;
  /** A second store on the same database, as another process (the CLI, another instance) would open it. */
  openAnother(): Promise<Store>;
  /**
   * Makes the database itself refuse to store an order under `orderRef` (a trigger raising a constraint
   * error), as a real refusal would: the adapter's handling of it is what is tested, not a stand-in.
   */
  refuseOrdersNamed(orderRef: string): Promise<void>;
  dispose(): Promise<void>;
}

const order = (orderRef: string, changes: Partial<NormalisedOrder> = {}): NormalisedOrder => ({
  trkref: "ACME",
  order_ref: orderRef,
  order_date: "2021-09-25",
  customer: { email: "jane@example.com", country: "GB" },
  order_items: [
    { sku: "SKU-1", price: "55.99", currency: "GBP", metadata: { field_1: "x", n: 2, ok: true } },
  ],
  ...changes,
});

let counter = 0;
const submission = (o: NormalisedOrder) => ({
  id: `01900000-0000-7000-8000-${String(++counter).padStart(12, "0")}`,
  keyId: "oik_test",
  order: o,
  raw: JSON.stringify(o),
  acceptedAt: new Date().toISOString(),
});

/** The behaviour every adapter must share; each adapter's test file runs it with its own fixture. */
export function runStoreContract(adapter: string, openFixture: () => Promise<StoreFixture>): void {
  describe(`store contract: ${adapter}`, () => {
    let fixture: StoreFixture;
    let store: Store;
    before(async () => {
      fixture = await openFixture();
      store = fixture.store;
      await store.createOrganisation({ trkref: "ACME", name: "Acme", enabled: true });
    });
    after(() => fixture.dispose());

    it("migrates idempotently, answers ping and takes probe writes again and again", async () => {
      await store.migrate();
      await store.ping();
      await store.probeWrite();
      await store.probeWrite();
    });

    it("creates, finds, lists and toggles organisations; refuses a duplicate trkref", async () => {
      const created = await store.createOrganisation({ trkref: "BETA-1", name: "Beta", enabled: false });
      assert.equal(created.enabled, false);
      await assert.rejects(
        store.createOrganisation({ trkref: "BETA-1", name: "Again", enabled: true }),
        StoreConflictError,
      );
      assert.equal(await store.setOrganisationEnabled("BETA-1", true), true);
      assert.equal((await store.findOrganisation("BETA-1"))?.enabled, true);
      assert.equal(await store.setOrganisationEnabled("NOPE", true), false);
      assert.equal(await store.findOrganisation("NOPE"), undefined);
      const trkrefs = (await store.listOrganisations()).map((org) => org.trkref);
      assert.deepEqual(trkrefs, [...trkrefs].sort());
      assert.ok(trkrefs.includes("BETA-1") && trkrefs.includes("ACME"));
    });

    it("creates keys for existing organisations only, lists and revokes them", async () => {
      await assert.rejects(
        store.createApiKey({ id: "k-bad", secretHash: "00", trkrefs: ["NOPE"] }),
        StoreNotFoundError,
      );
      assert.equal(await store.findApiKey("k-bad"), undefined);
      const key = await store.createApiKey({
        id: "k-1",
        secretHash: "ab".repeat(32),
        trkrefs: ["BETA-1", "ACME"],
      });
      assert.deepEqual(key.trkrefs, ["ACME", "BETA-1"]);
      assert.deepEqual((await store.findApiKey("k-1"))?.trkrefs, ["ACME", "BETA-1"]);
      assert.equal((await store.findApiKey("k-1"))?.secretHash, "ab".repeat(32));
      assert.ok((await store.listApiKeys()).some((k) => k.id === "k-1" && k.revokedAt === null));
      assert.equal(await store.revokeApiKey("k-1"), true);
      const revokedAt = (await store.findApiKey("k-1"))?.revokedAt;
      assert.ok(revokedAt);
      await store.revokeApiKey("k-1");
      assert.equal((await store.findApiKey("k-1"))?.revokedAt, revokedAt, "the first revocation time stays");
      assert.equal(await store.revokeApiKey("nope"), false);
    });

    it("commits submissions as accepted and finds them by id", async () => {
      const rows = [submission(order("A-1")), submission(order("A-2"))];
      const before = await store.countPendingSubmissions();
      await store.commitIntake([{ submissions: rows }]);
      assert.equal(await store.countPendingSubmissions(), before + 2);
      const found = await store.findSubmission(rows[0]?.id ?? "");
      assert.equal(found?.status, "accepted");
      assert.equal(found?.orderRef, "A-1");
      assert.equal(found?.outcome, null);
      assert.equal(await store.findSubmission("01900000-0000-7000-8000-ffffffffffff"), undefined);
    });

    it("commits all of a group or none", async () => {
      const duplicateId = submission(order("G-1"));
      const before = await store.countPendingSubmissions();
      await assert.rejects(
        store.commitIntake([{ submissions: [submission(order("G-2")), duplicateId, duplicateId] }]),
      );
      assert.equal(await store.countPendingSubmissions(), before);
    });

    it("processes in acceptance order: created, updated, duplicate, with the order record replaced", async () => {
      const first = submission(order("P-1", { order_date: "2021-09-25" }));
      const second = submission(order("P-1", { fulfilment_date: "2021-09-27" }));
      const third = submission(order("P-1", { fulfilment_date: "2021-09-27" }));
      await store.commitIntake([{ submissions: [first] }]);
      await store.commitIntake([{ submissions: [second, third] }]);
      while ((await store.processPendingSubmissions(2)) > 0) {}
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
      const placed = submission(order("F-1", { order_date: "2021-09-25" }));
      const { order_date: _, ...withoutOrderDate } = order("F-1");
      // A fulfilment date before the order date of the stored order: valid, as the document is the order now.
      const fulfilled = submission({ ...withoutOrderDate, fulfilment_date: "2021-09-20" });
      await store.commitIntake([{ submissions: [placed] }, { submissions: [fulfilled] }]);
      while ((await store.processPendingSubmissions(10)) > 0) {}
      assert.equal((await store.findSubmission(fulfilled.id))?.outcome, "updated");
      const stored = await store.findOrder("ACME", "F-1");
      assert.deepEqual(stored?.order, fulfilled.order);
      assert.equal(stored?.order.order_date, undefined);
      assert.equal(stored?.lastSubmissionId, fulfilled.id);
    });

    it("applies many submissions of one order in one processing batch as it would one at a time", async () => {
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
      assert.equal(await store.processPendingSubmissions(10), all.length, "one batch takes them all");

      const outcomes = await Promise.all(all.map(async (s) => (await store.findSubmission(s.id))?.outcome));
      assert.deepEqual(outcomes, ["created", "updated", "duplicate", "created", "updated", "duplicate"]);
      const stored = await store.findOrder("ACME", "MANY-1");
      assert.deepEqual(stored?.order, placedAgain.order, "the last change is the order, its items replaced");
      assert.equal(stored?.lastSubmissionId, placedAgain.id, "a duplicate is not the order's last change");
      assert.equal((await store.findOrder("ACME", "MANY-2"))?.lastSubmissionId, other.id);
    });

    it("commits a batch record with its submissions and finds both", async () => {
      const batchId = "01900000-0000-7000-8000-b00000000001";
      const accepted = { ...submission(order("B-1")), batchId };
      const results = [
        { index: 0, order_ref: "B-1", status: "accepted" as const, id: accepted.id },
        {
          index: 1,
          order_ref: null,
          status: "rejected" as const,
          errors: [{ pointer: "/order_ref", code: "required" as const, message: "This field is required" }],
        },
      ];
      await store.commitIntake([
        {
          submissions: [accepted],
          batch: { id: batchId, keyId: "oik_test", createdAt: accepted.acceptedAt, results },
        },
      ]);
      const batch = await store.findBatch(batchId);
      assert.deepEqual(batch?.results, results);
      assert.equal(batch?.keyId, "oik_test");
      assert.deepEqual(
        batch?.submissions.map((s) => [s.id, s.status]),
        [[accepted.id, "accepted"]],
      );
      assert.equal(await store.findBatch("01900000-0000-7000-8000-b00000000002"), undefined);
    });

    it("fails only the submission the database refuses, and applies the rest of its batch", async () => {
      await store.processPendingSubmissions(1000);
      await fixture.refuseOrdersNamed("POISON");
      const submissions = ["GOOD-1", "POISON", "GOOD-2"].map((ref) => submission(order(ref)));
      await store.commitIntake([{ submissions }]);
      assert.equal(await store.processPendingSubmissions(10), 3);

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
      assert.equal(await store.findOrder("ACME", "POISON"), undefined);
      assert.ok(await store.findOrder("ACME", "GOOD-2"));
    });

    it("tells its watchers when another process revokes a key or switches an organisation", async () => {
      const changes: AccessChange[] = [];
      await store.watchAccessChanges((change) => changes.push(change));
      const other = await fixture.openAnother();
      try {
        await other.createApiKey({ id: "k-watched", secretHash: "cd".repeat(32), trkrefs: ["ACME"] });
        // A store that can only tell that something changed reports the creation too: let it pass.
        await sleep(300);
        const covers = (what: (change: AccessChange) => boolean, from: number) =>
          changes.slice(from).some((change) => "unknown" in change || what(change));

        const beforeRevoke = changes.length;
        await other.revokeApiKey("k-watched");
        assert.ok(
          await eventually(
            () => covers((c) => "apiKey" in c && c.apiKey === "k-watched", beforeRevoke),
            3000,
          ),
          `no change reported for the revoked key: ${JSON.stringify(changes)}`,
        );
        await sleep(300);
        const beforeSwitch = changes.length;
        await other.setOrganisationEnabled("ACME", false);
        assert.ok(
          await eventually(
            () => covers((c) => "organisation" in c && c.organisation === "ACME", beforeSwitch),
            3000,
          ),
          `no change reported for the organisation: ${JSON.stringify(changes)}`,
        );
      } finally {
        await other.setOrganisationEnabled("ACME", true);
        await other.close();
      }
    });

    it("lists the submissions of one order, oldest first", async () => {
      const first = submission(order("L-1"));
      const second = submission(order("L-1", { fulfilment_date: "2021-09-30" }));
      await store.commitIntake([
        { submissions: [first] },
        { submissions: [submission(order("L-2")), second] },
      ]);
      const listed = await store.listSubmissionsForOrder("ACME", "L-1");
      assert.deepEqual(
        listed.map((s) => s.id),
        [first.id, second.id],
      );
      assert.deepEqual(await store.listSubmissionsForOrder("ACME", "L-404"), []);
    });

    it("lists an order's processed and pending submissions together, oldest first", async () => {
      const first = submission(order("M-1"));
      await store.commitIntake([{ submissions: [first, submission(order("M-2"))] }]);
      await store.processPendingSubmissions(1000);
      const second = submission(order("M-1", { fulfilment_date: "2021-09-30" }));
      const third = submission(order("M-1", { fulfilment_date: "2021-10-01" }));
      await store.commitIntake([{ submissions: [second] }, { submissions: [third] }]);
      const statuses = async () =>
        (await store.listSubmissionsForOrder("ACME", "M-1")).map((s) => [s.id, s.status]);
      assert.deepEqual(await statuses(), [
        [first.id, "processed"],
        [second.id, "accepted"],
        [third.id, "accepted"],
      ]);
      await store.processPendingSubmissions(1);
      assert.deepEqual(await statuses(), [
        [first.id, "processed"],
        [second.id, "processed"],
        [third.id, "accepted"],
      ]);
    });

    it("keeps idempotency records until they expire, purges them after, and leaves out a second with the same key", async () => {
      const record = {
        keyId: "oik_test",
        idempotencyKey: "retry-1",
        fingerprint: "f".repeat(64),
        statusCode: 202,
        headers: { location: "/v4/customer_orders/x", "content-type": "application/json; charset=utf-8" },
        body: '{"status":202}',
        createdAt: "2026-01-01T00:00:00.000Z",
        expiresAt: "2026-01-02T00:00:00.000Z",
      };
      const accepted = submission(order("I-1"));
      await store.commitIntake([{ submissions: [accepted], idempotency: record }]);
      assert.deepEqual(
        await store.findIdempotencyRecord("oik_test", "retry-1", "2026-01-01T23:59:59.999Z"),
        record,
      );
      assert.equal(
        await store.findIdempotencyRecord("oik_other", "retry-1", "2026-01-01T12:00:00.000Z"),
        undefined,
      );
      assert.equal(
        await store.findIdempotencyRecord("oik_test", "retry-1", "2026-01-02T00:00:00.000Z"),
        undefined,
      );

      const again = submission(order("I-2"));
      const bystander = submission(order("I-2B"));
      const outcomes = await store.commitIntake([
        { submissions: [again], idempotency: { ...record, createdAt: "2026-01-01T01:00:00.000Z" } },
        { submissions: [bystander] },
      ]);
      assert.deepEqual(outcomes, ["idempotency_conflict", "committed"]);
      assert.equal(
        await store.findSubmission(again.id),
        undefined,
        "the conflicting write is left out whole",
      );
      assert.equal(
        (await store.findSubmission(bystander.id))?.status,
        "accepted",
        "the rest of the group commits",
      );

      const renewed = {
        ...record,
        createdAt: "2026-01-02T00:00:00.000Z",
        expiresAt: "2026-01-03T00:00:00.000Z",
      };
      const afterExpiry = submission(order("I-3"));
      await store.commitIntake([{ submissions: [afterExpiry], idempotency: renewed }]);
      assert.equal(
        (await store.findSubmission(afterExpiry.id))?.status,
        "accepted",
        "an expired record gives way",
      );
      assert.deepEqual(
        await store.findIdempotencyRecord("oik_test", "retry-1", "2026-01-02T12:00:00.000Z"),
        renewed,
      );
      await store.commitIntake([{ submissions: [], idempotency: { ...record, idempotencyKey: "retry-2" } }]);

      assert.equal(await store.purgeExpiredIdempotencyRecords("2026-01-01T12:00:00.000Z"), 0);
      assert.equal(await store.purgeExpiredIdempotencyRecords("2026-01-02T00:00:00.000Z"), 1);
      assert.equal(
        await store.findIdempotencyRecord("oik_test", "retry-2", "2026-01-01T12:00:00.000Z"),
        undefined,
        "the expired one is gone",
      );
      assert.ok(
        await store.findIdempotencyRecord("oik_test", "retry-1", "2026-01-02T12:00:00.000Z"),
        "live one kept",
      );
    });

    it("applies one order's submissions in seq order when groups commit concurrently and processors race", async () => {
      // Each group is its own commit; on PostgreSQL they run at once on several connections.
      const versions = Array.from({ length: 12 }, (_, n) =>
        submission(order("RACE-1", { fulfilment_date: `2021-10-${String(10 + n).padStart(2, "0")}` })),
      );
      await Promise.all(versions.map((version) => store.commitIntake([{ submissions: [version] }])));
      const drain = async () => {
        while ((await store.processPendingSubmissions(3)) > 0) {}
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

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type CustomerHasher,
  customerHasherOfKey,
  erasedDocument,
} from "../../../src/domain/customer-privacy.js";
import { submissionFailureCatalogue } from "../../../src/domain/failure-codes.js";
import type { NormalisedOrder } from "../../../src/domain/normalised-order.js";
import { newRecordId } from "../../../src/domain/record-id.js";
import type { StoredEvent } from "../../../src/storage/event-store.js";
import type {
  ClaimedDelivery,
  ErasureCounts,
  ErasureSubject,
  Store,
  WebhookAttemptRecord,
} from "../../../src/storage/store.js";
import {
  type OpenFixture,
  order,
  type StoreFixture,
  submission,
  useFreshFixture,
} from "./contract-fixture.js";
import { at, attemptAt, claimAt, newEndpoint, processAll } from "./webhook-test-data.js";

const hasherOf = async (store: Store) => customerHasherOfKey(await store.customerHashKey());

/** An order of `trkref` placed by `email`, with `changes`. */
const orderBy = (
  trkref: string,
  orderRef: string,
  customer: NormalisedOrder["customer"],
  changes: Partial<NormalisedOrder> = {},
) => order(orderRef, { trkref, customer, ...changes });

/** Commits the orders as intake does, each submission with its email's hash. */
async function commit(store: Store, hasher: CustomerHasher, orders: NormalisedOrder[]) {
  const submissions = orders.map((o) => ({
    ...submission(o),
    customerHash: hasher.email(o.trkref, o.customer.email),
  }));
  await store.commitIntake([{ submissions }]);
  return submissions.map((s) => s.id);
}

/** Records a pending request of ACME's for these subjects and runs it. */
async function erase(store: Store, subjects: ErasureSubject[]) {
  const id = newRecordId();
  const request = { id, trkref: "ACME", subjects, requestedBy: "operator", requestedAt: at(-60) };
  await store.createErasureRequest(request);
  const now = new Date().toISOString();
  return { id, request, now, completed: await store.runErasure(id, now) };
}

const counts = (changes: Partial<ErasureCounts>): ErasureCounts => ({
  orders: 0,
  order_items: 0,
  submissions: 0,
  pending_submissions: 0,
  events: 0,
  webhook_attempts: 0,
  idempotency_records: 0,
  suppressions: 0,
  invitations: 0,
  ...changes,
});

/** What is stored of the organisation's submissions, by id: their documents, raw documents and erasure. */
async function submissionRows(query: StoreFixture["query"], trkref: string) {
  const rows = await query(`SELECT id, document, raw, erased_at FROM submissions WHERE trkref = '${trkref}'`);
  return new Map(
    rows.map((row) => [
      String(row.id),
      {
        // SQLite keeps the text; pg parses a json column.
        document: typeof row.document === "string" ? JSON.parse(row.document) : row.document,
        raw: row.raw,
        erased: row.erased_at !== null,
      },
    ]),
  );
}

const eventData = (event: StoredEvent | undefined) => JSON.parse(event?.data ?? "null");

/**
 * Delivers every queued delivery, a round at a time: J-1's first delivery fails without an answer, J-2's
 * creation times out once with nothing logged and then succeeds; the others succeed.
 */
async function deliverAll(store: Store): Promise<void> {
  const recordOf = (claimed: ClaimedDelivery, minute: number): WebhookAttemptRecord => {
    const { orderRef, type } = claimed.event;
    if (orderRef === "J-1") {
      return {
        attempt: attemptAt(claimed, minute, "connection_error", null),
        owner: "a",
        delivery: { status: "failed", completedAt: at(minute) },
        failingSince: at(minute),
      };
    }
    if (orderRef === "J-2" && type === "order.created" && claimed.attempts === 0) {
      return {
        attempt: { ...attemptAt(claimed, minute, "timeout", null), error: null },
        owner: "a",
        delivery: { status: "pending", nextAttemptAt: at(minute + 1) },
        failingSince: at(minute),
      };
    }
    return {
      attempt: attemptAt(claimed, minute),
      owner: "a",
      delivery: { status: "succeeded", completedAt: at(minute) },
      failingSince: null,
    };
  };
  for (let round = 0; round < 10; round += 1) {
    const minute = round * 2;
    const claimed = await store.claimWebhookDeliveries(claimAt("a", minute));
    if (claimed.length === 0) return;
    await store.recordWebhookAttempts(claimed.map((c) => recordOf(c, minute)));
  }
  throw new Error("deliveries still queued after ten rounds");
}

/**
 * Erasures (`runErasure`, `eraseOrders`): a customer's orders deleted, their submissions' documents
 * replaced, their events redacted in place, the attempts' answers emptied, an `order.erased` event told,
 * the emails suppressed, and nothing of another customer or organisation touched: the same on every adapter.
 */
export function erasureContract(open: OpenFixture): void {
  describe("erasure: a customer's data, by email or customer_ref, and by retention", () => {
    const fixture = useFreshFixture(open);

    it("erases a customer found by email, and nothing of anybody else", async () => {
      const { store, query } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      const hasher = await hasherOf(store);
      const endpoint = newEndpoint();
      await store.createWebhookEndpoint(endpoint);
      const jane = { email: "jane@example.com", country: "GB" };
      const bob = { email: "bob@example.com" };
      const twoItems = [{ sku: "A", metadata: { note: "Jane's" } }, { sku: "B" }];
      const [j1, j2] = await commit(store, hasher, [
        orderBy("ACME", "J-1", jane, { order_items: twoItems }),
        orderBy("ACME", "J-2", jane),
        orderBy("ACME", "O-1", bob),
      ]);
      const [j2Changed] = await commit(store, hasher, [orderBy("ACME", "J-2", jane, { language: "fr" })]);
      // Another organisation's order of the same email, under the same order ref.
      await commit(store, hasher, [orderBy("BETA", "J-1", jane)]);
      await processAll(store);
      await deliverAll(store);
      // Waiting to be processed when the erasure runs: Jane's and Bob's.
      const [j3] = await commit(store, hasher, [orderBy("ACME", "J-3", jane)]);
      const janes = new Map([
        [j1, "J-1"],
        [j2, "J-2"],
        [j2Changed, "J-2"],
        [j3, "J-3"],
      ]);
      await commit(store, hasher, [orderBy("ACME", "O-2", bob)]);
      const eventsBefore = await store.listEvents({ trkref: "ACME", limit: 100 });
      const bobOrder = await store.findOrder("ACME", "O-1");
      const betaOrder = await store.findOrder("BETA", "J-1");
      const betaEvents = await store.listEvents({ trkref: "BETA", limit: 100 });
      const bobRows = [...(await submissionRows(query, "ACME"))].filter(([id]) => !janes.has(id));

      const { id, request, now, completed } = await erase(store, [
        { kind: "email", hash: hasher.email("ACME", " Jane@Example.COM") },
      ]);

      const expected = counts({
        orders: 2,
        order_items: 3,
        submissions: 3,
        pending_submissions: 1,
        events: 3,
        webhook_attempts: 3,
        suppressions: 1,
      });
      assert.deepEqual(completed, { ...request, status: "completed", completedAt: now, counts: expected });
      assert.deepEqual(await store.findErasureRequest("ACME", id), completed);
      assert.equal(await store.runErasure(id, new Date().toISOString()), undefined, "done once");

      // Jane's orders are gone; Bob's, and the other organisation's, are as they were.
      assert.equal(await store.findOrder("ACME", "J-1"), undefined);
      assert.equal(await store.findOrder("ACME", "J-2"), undefined);
      assert.deepEqual(await store.findOrder("ACME", "O-1"), bobOrder);
      assert.deepEqual(await store.findOrder("BETA", "J-1"), betaOrder);
      assert.deepEqual(await store.listEvents({ trkref: "BETA", limit: 100 }), betaEvents);

      // Her submissions keep only the order they named.
      const rows = await submissionRows(query, "ACME");
      for (const [submissionId, orderRef] of janes) {
        assert.deepEqual(
          rows.get(submissionId ?? ""),
          { document: erasedDocument("ACME", orderRef), raw: "", erased: true },
          orderRef,
        );
      }
      assert.equal(bobRows.length, 2);
      for (const [bobId, row] of bobRows)
        assert.deepEqual(rows.get(bobId), row, "Bob's submission as it was");
      const failed = await store.findSubmission(j3 ?? "");
      assert.equal(failed?.status, "failed");
      assert.equal(failed?.failureCode, "erased");
      assert.equal(failed?.failureReason, submissionFailureCatalogue.erased);
      assert.equal(failed?.processedAt, now);
      // Processing afterwards never makes her order of the erased submission; Bob's is made.
      await processAll(store);
      assert.equal(await store.findOrder("ACME", "J-3"), undefined);
      assert.equal((await store.findOrder("ACME", "O-2"))?.order.customer.email, "bob@example.com");

      // Her events keep their place in the feed with their data redacted; an order.erased tells of each order.
      const eventsAfter = await store.listEvents({ trkref: "ACME", limit: 100 });
      const lastBefore = eventsBefore.at(-1)?.sequence ?? 0;
      assert.deepEqual(
        eventsAfter.filter((e) => e.sequence <= lastBefore),
        eventsBefore.map((e) =>
          e.orderRef.startsWith("J-") ? { ...e, data: JSON.stringify({ erased: true }) } : e,
        ),
      );
      const told = eventsAfter.filter((e) => e.type === "order.erased");
      assert.deepEqual(
        told.map((e) => [e.orderRef, e.sequence, eventData(e)]),
        [
          ["J-1", lastBefore + 1, { order_ref: "J-1", reason: "request" }],
          ["J-2", lastBefore + 2, { order_ref: "J-2", reason: "request" }],
        ],
      );
      assert.doesNotMatch(JSON.stringify(eventsAfter.filter((e) => e.orderRef !== "O-1")), /jane/i);

      // Queued to the endpoint; the attempts at her events lost the receiver's answers and errors.
      const deliveries = await store.listWebhookDeliveries({ endpointId: endpoint.id, limit: 100 });
      assert.deepEqual(
        deliveries
          .filter((d) => d.eventType === "order.erased")
          .map((d) => [d.orderRef, d.status])
          .sort(),
        [
          ["J-1", "pending"],
          ["J-2", "pending"],
        ],
      );
      const orderOfEvent = new Map(eventsBefore.map((e) => [e.id, e.orderRef]));
      const attempts = await store.listWebhookAttempts({ endpointId: endpoint.id, limit: 100 });
      assert.deepEqual(
        attempts
          .map((a) => [orderOfEvent.get(a.eventId), a.responseExcerpt, a.error, a.statusCode])
          .sort((a, b) => String(a).localeCompare(String(b))),
        [
          ["J-1", null, null, null],
          ["J-2", null, null, null],
          ["J-2", null, null, 200],
          ["J-2", null, null, 200],
          ["O-1", "answer 200", null, 200],
        ],
      );

      // Her email is on the list, under its hash.
      assert.deepEqual(await query("SELECT trkref, customer_hash, reason FROM suppressions"), [
        { trkref: "ACME", customer_hash: hasher.email("ACME", "jane@example.com"), reason: "erased" },
      ]);
    });

    it("erases by customer_ref: every order of that ref, every email they carry, and those emails' orders", async () => {
      const { store, query } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      const hasher = await hasherOf(store);
      const home = { email: "ann@example.com", customer_ref: "C-42" };
      const work = { email: "ann.work@example.com", customer_ref: "C-42" };
      await commit(store, hasher, [
        orderBy("ACME", "R-1", home),
        orderBy("ACME", "R-2", work),
        orderBy("ACME", "R-3", { email: "Ann.Work@example.com" }),
        orderBy("ACME", "K-1", { email: "kim@example.com", customer_ref: "C-7" }),
        orderBy("BETA", "R-1", home),
      ]);
      await processAll(store);

      const { completed } = await erase(store, [
        { kind: "customer_ref", hash: hasher.customerRef("ACME", "C-42") },
      ]);

      assert.deepEqual(
        completed?.counts,
        counts({ orders: 3, order_items: 3, submissions: 3, events: 3, suppressions: 2 }),
      );
      for (const orderRef of ["R-1", "R-2", "R-3"]) {
        assert.equal(await store.findOrder("ACME", orderRef), undefined, orderRef);
      }
      assert.ok(await store.findOrder("ACME", "K-1"));
      assert.equal((await store.findOrder("BETA", "R-1"))?.order.customer.email, "ann@example.com");
      const suppressed = await query("SELECT customer_hash FROM suppressions WHERE trkref = 'ACME'");
      assert.deepEqual(
        suppressed.map((row) => row.customer_hash).sort(),
        [hasher.email("ACME", "ann@example.com"), hasher.email("ACME", "ann.work@example.com")].sort(),
      );
      const betaRows = await submissionRows(query, "BETA");
      assert.deepEqual(
        [...betaRows.values()].map((row) => row.erased),
        [false],
      );
    });

    it("finds again only what came since: erased submissions and redacted events are not counted twice", async () => {
      const { store } = fixture();
      const hasher = await hasherOf(store);
      const jane = { email: "jane@example.com" };
      await commit(store, hasher, [orderBy("ACME", "J-1", jane)]);
      await processAll(store);
      const subject = { kind: "email" as const, hash: hasher.email("ACME", "jane@example.com") };
      const first = await erase(store, [subject]);
      assert.deepEqual(
        first.completed?.counts,
        counts({ orders: 1, order_items: 1, submissions: 1, events: 1, suppressions: 1 }),
      );
      // Nothing left of her: a second request erases nothing, and her email is already on the list.
      assert.deepEqual((await erase(store, [subject])).completed?.counts, counts({}));

      // She orders again under the same ref (a suppressed customer's order is still kept, without her data).
      await commit(store, hasher, [orderBy("ACME", "J-1", jane)]);
      await processAll(store);
      const third = await erase(store, [subject]);
      assert.deepEqual(
        third.completed?.counts,
        counts({ orders: 1, order_items: 1, submissions: 1, events: 1 }),
      );
      const events = await store.listEvents({ trkref: "ACME", limit: 100 });
      assert.deepEqual(
        events.map((e) => [e.sequence, e.type, eventData(e)]),
        [
          [1, "order.created", { erased: true }],
          [2, "order.erased", { order_ref: "J-1", reason: "request" }],
          [3, "order.created", { erased: true }],
          [4, "order.erased", { order_ref: "J-1", reason: "request" }],
        ],
      );
    });

    it("deletes the idempotency records whose answers echo the customer, and no other", async () => {
      const { store } = fixture();
      const hasher = await hasherOf(store);
      const record = (idempotencyKey: string, customers: { trkref: string; customerHash: string }[]) => ({
        keyId: "key-1",
        idempotencyKey,
        fingerprint: "f",
        statusCode: 206,
        headers: { "content-type": "application/json" },
        body: "{}",
        createdAt: at(-60),
        expiresAt: at(24 * 60),
        customers,
      });
      const jane = { trkref: "ACME", customerHash: hasher.email("ACME", "jane@example.com") };
      const janeAtBeta = { trkref: "BETA", customerHash: hasher.email("BETA", "jane@example.com") };
      const bob = { trkref: "ACME", customerHash: hasher.email("ACME", "bob@example.com") };
      await store.commitIntake([
        { submissions: [], idempotency: record("echoes-jane", [jane, bob]) },
        { submissions: [], idempotency: record("echoes-bob", [bob]) },
        { submissions: [], idempotency: record("echoes-jane-at-beta", [janeAtBeta]) },
        { submissions: [], idempotency: record("echoes-nobody", []) },
      ]);
      const { completed } = await erase(store, [{ kind: "email", hash: jane.customerHash }]);
      assert.deepEqual(completed?.counts, counts({ idempotency_records: 1, suppressions: 1 }));
      const now = at(0);
      assert.equal(await store.findIdempotencyRecord("key-1", "echoes-jane", now), undefined);
      for (const kept of ["echoes-bob", "echoes-jane-at-beta", "echoes-nobody"]) {
        assert.ok(await store.findIdempotencyRecord("key-1", kept, now), `${kept} is kept`);
      }
      // Its customers went with it: the purge of an expired record removes them the same way.
      assert.equal(await store.purgeExpiredIdempotencyRecords(at(2 * 24 * 60)), 3);
    });

    it("erases an order whose submission a processor applies at the same time", async () => {
      const { store } = fixture();
      const hasher = await hasherOf(store);
      const jane = { email: "jane@example.com" };
      const [pending] = await commit(store, hasher, [orderBy("ACME", "J-1", jane)]);
      const id = newRecordId();
      await store.createErasureRequest({
        id,
        trkref: "ACME",
        subjects: [{ kind: "email", hash: hasher.email("ACME", "jane@example.com") }],
        requestedBy: "operator",
        requestedAt: at(-60),
      });
      const now = new Date().toISOString();
      const [completed] = await Promise.all([store.runErasure(id, now), store.processPendingSubmissions(10)]);
      await processAll(store);

      assert.equal(completed?.status, "completed");
      assert.equal(await store.findOrder("ACME", "J-1"), undefined);
      assert.equal((await store.findSubmission(pending ?? ""))?.status !== "accepted", true);
      // Erased whichever came first: as pending, or as the order the processor made.
      const { counts: erased } = completed ?? { counts: null };
      assert.ok(
        [
          JSON.stringify(counts({ pending_submissions: 1, suppressions: 1 })),
          JSON.stringify(counts({ orders: 1, order_items: 1, submissions: 1, events: 1, suppressions: 1 })),
        ].includes(JSON.stringify(erased)),
        JSON.stringify(erased),
      );
    });

    it("erases named orders for retention, without suppressing their customers", async () => {
      const { store, query } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      const hasher = await hasherOf(store);
      const jane = { email: "jane@example.com" };
      await commit(store, hasher, [
        orderBy("ACME", "T-1", jane, { order_items: [{ sku: "A" }, { sku: "B" }] }),
        orderBy("ACME", "T-2", jane),
        orderBy("ACME", "T-3", jane),
        orderBy("BETA", "T-1", jane),
      ]);
      await processAll(store);
      const erased = await store.eraseOrders(
        [
          { trkref: "ACME", orderRef: "T-1" },
          { trkref: "ACME", orderRef: "T-2" },
          { trkref: "ACME", orderRef: "GONE" },
        ],
        "retention",
        new Date().toISOString(),
      );
      assert.deepEqual(erased, counts({ orders: 2, order_items: 3, submissions: 2, events: 2 }));
      assert.equal(await store.findOrder("ACME", "T-1"), undefined);
      assert.equal(await store.findOrder("ACME", "T-2"), undefined);
      assert.ok(await store.findOrder("ACME", "T-3"));
      assert.ok(await store.findOrder("BETA", "T-1"));
      const told = (await store.listEvents({ trkref: "ACME", limit: 100 })).filter(
        (e) => e.type === "order.erased",
      );
      assert.deepEqual(
        told.map((e) => [e.orderRef, eventData(e)]),
        [
          ["T-1", { order_ref: "T-1", reason: "retention" }],
          ["T-2", { order_ref: "T-2", reason: "retention" }],
        ],
        "an order.erased for each order deleted, none for one that was not there",
      );
      assert.deepEqual(await query("SELECT customer_hash FROM suppressions"), []);
    });
  });
}

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { customerHasherOfKey } from "../../../src/domain/customer-privacy.js";
import { newRecordId } from "../../../src/domain/record-id.js";
import type { NewErasureRequest, Store } from "../../../src/storage/store.js";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";

/** A string as an SQL literal that both databases take. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

const suppression = (trkref: string, customerHash: string) => ({
  trkref,
  customerHash,
  reason: "requested" as const,
  createdAt: "2026-01-01T00:00:00.000Z",
});

const erasureRequest = (trkref: string, requestedAt: string, id = newRecordId()): NewErasureRequest => ({
  id,
  trkref,
  subjects: [
    { kind: "email", hash: `email-hash-of-${id}` },
    { kind: "customer_ref", hash: `ref-hash-of-${id}` },
  ],
  requestedBy: "key:oik_test",
  requestedAt,
});

const pending = (request: NewErasureRequest) => ({
  ...request,
  status: "pending",
  completedAt: null,
  counts: null,
});

const byTimeThenId = (a: NewErasureRequest, b: NewErasureRequest) =>
  a.requestedAt === b.requestedAt ? (a.id < b.id ? -1 : 1) : a.requestedAt < b.requestedAt ? -1 : 1;

const addOtherOrganisation = (store: Store) =>
  store.createOrganisation({ trkref: "OTHER", name: "Other", enabled: true });

/**
 * Customers' personal data, but the erasures themselves: the installation's hash key, the suppression
 * lists, the erasure ledger, the retention sweeps' reads and writes, the hashes given to rows written
 * before hashes existed, and compaction.
 */
export function privacyContract(open: OpenFixture): void {
  describe("privacy: hash key, suppressions, erasure ledger, retention, hash backfill", () => {
    const fixture = useFreshFixture(open);

    it("makes the customer hash key once: the same on every call, and in another store on the database", async () => {
      const { store, openAnother } = fixture();
      const key = await store.customerHashKey();
      assert.equal(Buffer.from(key, "base64url").length, 32);
      assert.equal(await store.customerHashKey(), key);
      const another = await openAnother();
      try {
        assert.equal(await another.customerHashKey(), key);
      } finally {
        await another.close();
      }
    });

    it("adds a hash once to each organisation's list, says how many were new, and finds them", async () => {
      const { store } = fixture();
      await addOtherOrganisation(store);
      assert.equal(await store.addSuppressions([suppression("ACME", "h1"), suppression("ACME", "h2")]), 2);
      assert.equal(
        await store.addSuppressions([
          { ...suppression("ACME", "h1"), reason: "erased" },
          suppression("OTHER", "h1"),
        ]),
        1,
        "h1 is new to OTHER's list only",
      );
      assert.equal(await store.addSuppressions([suppression("ACME", "h2")]), 0);
      assert.equal(await store.addSuppressions([]), 0);

      assert.deepEqual((await store.findSuppressed("ACME", ["h3", "h2", "h1"])).sort(), ["h1", "h2"]);
      assert.deepEqual(await store.findSuppressed("OTHER", ["h1", "h2"]), ["h1"]);
      assert.deepEqual(await store.findSuppressed("NOBODY", ["h1"]), []);
      assert.deepEqual(await store.findSuppressed("ACME", []), []);
    });

    it("lists an organisation's suppressions in the order they were added, after a seq, at most a limit", async () => {
      const { store } = fixture();
      await addOtherOrganisation(store);
      await store.addSuppressions([suppression("ACME", "first")]);
      await store.addSuppressions([suppression("OTHER", "other"), suppression("ACME", "second")]);
      await store.addSuppressions([suppression("ACME", "third")]);

      const page = await store.listSuppressionsSince("ACME", 0, 2);
      assert.deepEqual(
        page.map((entry) => entry.customerHash),
        ["first", "second"],
      );
      const [first, second] = page;
      assert.ok(first && second && first.seq < second.seq);
      const rest = await store.listSuppressionsSince("ACME", second.seq, 10);
      assert.deepEqual(
        rest.map((entry) => entry.customerHash),
        ["third"],
      );
      assert.deepEqual(await store.listSuppressionsSince("ACME", rest[0]?.seq ?? 0, 10), []);
      assert.deepEqual(
        (await store.listSuppressionsSince("OTHER", 0, 10)).map((entry) => entry.customerHash),
        ["other"],
      );
    });

    it("records an erasure request and finds it in its own organisation only", async () => {
      const { store } = fixture();
      await addOtherOrganisation(store);
      const request = erasureRequest("ACME", "2026-01-02T03:04:05.678Z");
      await store.createErasureRequest(request);

      assert.deepEqual(await store.findErasureRequest("ACME", request.id), pending(request));
      assert.equal(await store.findErasureRequest("OTHER", request.id), undefined);
      assert.equal(await store.findErasureRequest("ACME", newRecordId()), undefined);
      assert.equal(await store.findErasureRequest("ACME", "not-a-request-id"), undefined);
    });

    it("reads a completed request with its counts in the order the answer lists them", async () => {
      const { store, exec } = fixture();
      const request = erasureRequest("ACME", "2026-01-02T03:04:05.678Z");
      await store.createErasureRequest(request);
      const counts = {
        suppressions: 1,
        orders: 2,
        order_items: 3,
        submissions: 4,
        pending_submissions: 0,
        events: 5,
        webhook_attempts: 6,
        idempotency_records: 7,
      };
      await exec(`UPDATE erasure_requests SET status = 'completed', completed_at = '2026-01-02T03:04:06.000Z',
        counts = ${literal(JSON.stringify(counts))} WHERE id = ${literal(request.id)}`);

      const completed = await store.findErasureRequest("ACME", request.id);
      assert.deepEqual(completed, {
        ...request,
        status: "completed",
        completedAt: "2026-01-02T03:04:06.000Z",
        // Written before invitations were counted: read as none.
        counts: { ...counts, invitations: 0 },
      });
      assert.deepEqual(Object.keys(completed?.counts ?? {}), [
        "orders",
        "order_items",
        "submissions",
        "pending_submissions",
        "events",
        "webhook_attempts",
        "idempotency_records",
        "suppressions",
        "invitations",
      ]);
      assert.deepEqual(await store.listPendingErasureIds(10), []);
    });

    it("lists the ledger oldest first, a page at a time, from a time and for one organisation", async () => {
      const { store } = fixture();
      await addOtherOrganisation(store);
      const [early, later] = [newRecordId(), newRecordId()].sort();
      assert.ok(early && later);
      const requests = [
        erasureRequest("ACME", "2026-01-03T00:00:00.000Z"),
        // Two at one time: the id decides, whichever was recorded first.
        erasureRequest("OTHER", "2026-01-02T00:00:00.000Z", later),
        erasureRequest("ACME", "2026-01-02T00:00:00.000Z", early),
        erasureRequest("ACME", "2026-01-01T00:00:00.000Z"),
        erasureRequest("OTHER", "2026-01-04T00:00:00.000Z"),
      ];
      for (const request of requests) await store.createErasureRequest(request);
      const oldestFirst = [...requests].sort(byTimeThenId).map(pending);

      const pages: unknown[][] = [];
      let after: { requestedAt: string; id: string } | undefined;
      for (let page = 0; page < 5; page += 1) {
        const records = await store.listErasureRequests({ limit: 2, ...(after && { after }) });
        if (records.length === 0) break;
        pages.push(records);
        const last = records.at(-1);
        after = last && { requestedAt: last.requestedAt, id: last.id };
      }
      assert.deepEqual(pages, [oldestFirst.slice(0, 2), oldestFirst.slice(2, 4), oldestFirst.slice(4)]);

      assert.deepEqual(
        await store.listErasureRequests({ since: "2026-01-02T00:00:00.000Z", limit: 10 }),
        oldestFirst.slice(1),
        "from the time given, the requests at it too",
      );
      assert.deepEqual(
        await store.listErasureRequests({ trkref: "OTHER", limit: 10 }),
        oldestFirst.filter((record) => record.trkref === "OTHER"),
      );
      const [, atTheTie] = oldestFirst;
      assert.ok(atTheTie);
      assert.deepEqual(
        await store.listErasureRequests({
          trkref: "ACME",
          since: "2026-01-02T00:00:00.000Z",
          after: { requestedAt: atTheTie.requestedAt, id: atTheTie.id },
          limit: 10,
        }),
        [oldestFirst[3]],
      );
    });

    it("lists the ids of pending requests oldest first, at most a limit", async () => {
      const { store, exec } = fixture();
      const newest = erasureRequest("ACME", "2026-01-03T00:00:00.000Z");
      const oldest = erasureRequest("ACME", "2026-01-01T00:00:00.000Z");
      const done = erasureRequest("ACME", "2025-12-31T00:00:00.000Z");
      const middle = erasureRequest("ACME", "2026-01-02T00:00:00.000Z");
      for (const request of [newest, oldest, done, middle]) await store.createErasureRequest(request);
      await exec(`UPDATE erasure_requests SET status = 'completed', completed_at = '2026-01-05T00:00:00.000Z',
        counts = '{"orders":0,"order_items":0,"submissions":0,"pending_submissions":0,"events":0,
          "webhook_attempts":0,"idempotency_records":0,"suppressions":0}' WHERE id = ${literal(done.id)}`);

      const first = [oldest, middle].sort(byTimeThenId).map((request) => request.id);
      assert.deepEqual(await store.listPendingErasureIds(2), first);
      assert.deepEqual(await store.listPendingErasureIds(10), [...first, newest.id]);
    });

    it("empties the raw documents of settled submissions processed before a time, oldest first, at most a limit", async () => {
      const { store, exec, refuseOrdersNamed } = fixture();
      await refuseOrdersNamed("R-FAILED");
      const [first, second, third, recent, failed, waiting] = [
        "R-1",
        "R-2",
        "R-3",
        "R-4",
        "R-FAILED",
        "R-5",
      ].map((ref) => submission(order(ref)));
      assert.ok(first && second && third && recent && failed && waiting);
      await store.commitIntake([{ submissions: [first, second, third, recent, failed] }]);
      assert.equal((await store.processPendingSubmissions(10)).taken, 5);
      assert.equal((await store.findSubmission(failed.id))?.status, "failed");
      await store.commitIntake([{ submissions: [waiting] }]);
      const processedAt: [string, string][] = [
        [first.id, "2020-01-01T00:00:01.000Z"],
        [second.id, "2020-01-01T00:00:03.000Z"],
        [third.id, "2020-01-01T00:00:02.000Z"],
        [failed.id, "2020-01-01T00:00:04.000Z"],
        // A time on a waiting submission too: the sweep takes settled ones only, whatever the times say.
        [waiting.id, "2020-01-01T00:00:00.000Z"],
      ];
      for (const [id, at] of processedAt) {
        await exec(`UPDATE submissions SET processed_at = ${literal(at)} WHERE id = ${literal(id)}`);
      }
      const all = [first, second, third, recent, failed, waiting];
      // The raw document is in no record a store answers: copied where a submission's record shows it.
      const rawDocuments = async () => {
        await exec("UPDATE submissions SET failure_reason = raw");
        return Promise.all(all.map(async (s) => (await store.findSubmission(s.id))?.failureReason));
      };
      const cutoff = "2021-01-01T00:00:00.000Z";

      assert.equal(await store.removeRawDocuments(cutoff, 2), 2);
      assert.deepEqual(await rawDocuments(), ["", second.raw, "", recent.raw, failed.raw, waiting.raw]);
      assert.equal(await store.removeRawDocuments(cutoff, 10), 2);
      assert.deepEqual(await rawDocuments(), ["", "", "", recent.raw, "", waiting.raw]);
      assert.equal(await store.removeRawDocuments(cutoff, 10), 0);
      assert.deepEqual((await store.findOrder("ACME", "R-1"))?.order, first.order, "the order stays");
    });

    it("lists orders last updated before a time, oldest first across organisations, at most a limit", async () => {
      const { store, exec } = fixture();
      await addOtherOrganisation(store);
      const orders = [order("U-1"), order("U-2"), order("U-3"), order("U-4", { trkref: "OTHER" })];
      await store.commitIntake([{ submissions: orders.map(submission) }]);
      assert.equal((await store.processPendingSubmissions(10)).taken, 4);
      const updatedAt: [string, string, string][] = [
        ["ACME", "U-1", "2020-01-03T00:00:00.000Z"],
        ["ACME", "U-2", "2020-01-01T00:00:00.000Z"],
        ["OTHER", "U-4", "2020-01-02T00:00:00.000Z"],
      ];
      for (const [trkref, ref, at] of updatedAt) {
        await exec(`UPDATE orders SET updated_at = ${literal(at)}
          WHERE trkref = ${literal(trkref)} AND order_ref = ${literal(ref)}`);
      }

      const cutoff = "2021-01-01T00:00:00.000Z";
      assert.deepEqual(await store.listOrdersUpdatedBefore(cutoff, 10), [
        { trkref: "ACME", orderRef: "U-2" },
        { trkref: "OTHER", orderRef: "U-4" },
        { trkref: "ACME", orderRef: "U-1" },
      ]);
      assert.deepEqual(await store.listOrdersUpdatedBefore(cutoff, 2), [
        { trkref: "ACME", orderRef: "U-2" },
        { trkref: "OTHER", orderRef: "U-4" },
      ]);
      assert.deepEqual(await store.listOrdersUpdatedBefore("2020-01-01T00:00:00.000Z", 10), []);
    });

    it("gives the hasher's hashes to rows written before hashes existed, at most a limit of each per call", async () => {
      const { store, exec } = fixture();
      await addOtherOrganisation(store);
      // The previous release's statements: the columns it knew, none of the hashes.
      const orderRow = (trkref: string, ref: string, email: string, customerRef: string | null) =>
        exec(`INSERT INTO orders (trkref, order_ref, customer_email, customer_ref, customer_country, created_at,
            updated_at, last_submission_id)
          VALUES (${literal(trkref)}, ${literal(ref)}, ${literal(email)},
            ${customerRef === null ? "NULL" : literal(customerRef)}, 'GB', '2020-01-01T00:00:00.000Z',
            '2020-01-01T00:00:00.000Z', ${literal(newRecordId())})`);
      await orderRow("ACME", "B-1", "Jane@Example.com", "C-1");
      await orderRow("ACME", "B-2", "joe@example.com", null);
      await orderRow("OTHER", "B-3", "jane@example.com", null);
      await orderRow("ACME", "B-0", "given@example.com", null);
      await exec("UPDATE orders SET customer_hash = 'given already' WHERE order_ref = 'B-0'");

      const submissionRow = (id: string, status: string, document: object) =>
        exec(`INSERT INTO submissions (id, trkref, order_ref, key_id, document, raw, status, accepted_at,
            processed_at)
          VALUES (${literal(id)}, 'ACME', 'S', 'oik_test', ${literal(JSON.stringify(document))}, '',
            ${literal(status)}, '2020-01-01T00:00:00.000Z',
            ${status === "accepted" ? "NULL" : "'2020-01-01T00:00:01.000Z'"})`);
      const [processed, failed, misshapen, waiting] = [
        newRecordId(),
        newRecordId(),
        newRecordId(),
        newRecordId(),
      ];
      assert.ok(processed && failed && misshapen && waiting);
      await submissionRow(processed, "processed", order("S", { customer: { email: "Ann@Example.com" } }));
      await submissionRow(failed, "failed", order("S", { customer: { email: "bob@example.com" } }));
      // Failed as unreadable: its email is still where the shape puts one.
      await submissionRow(misshapen, "failed", { trkref: "ACME", customer: { email: "odd@example.com" } });
      await submissionRow(waiting, "accepted", order("S", { customer: { email: "wait@example.com" } }));

      // The hashes are in no record a store answers: copied where an order's or a submission's record shows them.
      const hashes = async () => {
        await exec("UPDATE orders SET customer_title = customer_hash, customer_postcode = customer_ref_hash");
        await exec("UPDATE submissions SET failure_reason = customer_hash");
        const customerOf = async (trkref: string, ref: string) => {
          const customer = (await store.findOrder(trkref, ref))?.order.customer;
          return [customer?.title, customer?.postcode];
        };
        return {
          orders: [
            await customerOf("ACME", "B-0"),
            await customerOf("ACME", "B-1"),
            await customerOf("ACME", "B-2"),
            await customerOf("OTHER", "B-3"),
          ],
          submissions: await Promise.all(
            [processed, failed, misshapen, waiting].map(
              async (id) => (await store.findSubmission(id))?.failureReason,
            ),
          ),
        };
      };

      assert.equal(await store.backfillCustomerHashes(2), 4, "two orders and two submissions");
      const hasher = customerHasherOfKey(await store.customerHashKey());
      const ofJane = hasher.email("ACME", "jane@example.com");
      const ofJoe = hasher.email("ACME", "joe@example.com");
      const ofAnn = hasher.email("ACME", "ann@example.com");
      const ofBob = hasher.email("ACME", "bob@example.com");
      assert.deepEqual(await hashes(), {
        orders: [
          ["given already", undefined],
          [ofJane, hasher.customerRef("ACME", "C-1")],
          [ofJoe, undefined],
          [undefined, undefined],
        ],
        submissions: [ofAnn, ofBob, null, null],
      });

      assert.equal(await store.backfillCustomerHashes(2), 2);
      assert.deepEqual(await hashes(), {
        orders: [
          ["given already", undefined],
          [ofJane, hasher.customerRef("ACME", "C-1")],
          [ofJoe, undefined],
          [hasher.email("OTHER", "jane@example.com"), undefined],
        ],
        submissions: [ofAnn, ofBob, hasher.email("ACME", "odd@example.com"), null],
      });
      assert.equal(await store.backfillCustomerHashes(2), 0, "a waiting submission is not the backfill's");
    });

    it("compacts the database, lightly and fully, and keeps what it holds", async () => {
      const { store } = fixture();
      const placed = submission(order("K-1"));
      await store.commitIntake([{ submissions: [placed] }]);
      await store.processPendingSubmissions(10);
      await store.compact({ full: false });
      await store.compact({ full: true });
      assert.deepEqual((await store.findOrder("ACME", "K-1"))?.order, placed.order);
      const next = submission(order("K-2"));
      await store.commitIntake([{ submissions: [next] }]);
      assert.equal((await store.processPendingSubmissions(10)).taken, 1);
      assert.equal((await store.findSubmission(next.id))?.outcome, "created");
    });
  });
}

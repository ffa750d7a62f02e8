import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StoredEvent } from "../../../src/storage/event-store.js";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";

const dataOf = (event: StoredEvent | undefined) => JSON.parse(event?.data ?? "null");

/**
 * The event log: what processing records in its own transaction (one event per change, none for a
 * duplicate, one per failure), each organisation's gapless sequence, the feed's reads and retention.
 */
export function eventsContract(open: OpenFixture): void {
  describe("events: the outbox processing writes, and its reads", () => {
    const fixture = useFreshFixture(open);

    async function processAll() {
      const { store } = fixture();
      let events = 0;
      for (let round = 0; round < 20; round += 1) {
        const report = await store.processPendingSubmissions(10);
        events += report.events;
        if (report.taken === 0) break;
      }
      return events;
    }

    it("records order.created, then order.updated with the previous values, and nothing for a duplicate", async () => {
      const { store } = fixture();
      const created = submission(order("E-1"));
      const updated = submission(
        order("E-1", {
          fulfilment_date: "2021-09-27",
          customer: { email: "jane@example.com", country: "FR" },
        }),
      );
      const duplicate = submission(updated.order);
      await store.commitIntake([{ submissions: [created] }]);
      await store.commitIntake([{ submissions: [updated, duplicate] }]);
      assert.equal(await processAll(), 2);

      const events = await store.listEvents({ trkref: "ACME", limit: 10 });
      assert.deepEqual(
        events.map((e) => [e.type, e.orderRef, e.sequence, e.trkref]),
        [
          ["order.created", "E-1", 1, "ACME"],
          ["order.updated", "E-1", 2, "ACME"],
        ],
      );
      assert.deepEqual(dataOf(events[0]), { order: created.order, submission_id: created.id });
      assert.deepEqual(dataOf(events[1]), {
        order: updated.order,
        previous_attributes: { fulfilment_date: null, customer: { country: "GB" } },
        submission_id: updated.id,
      });
      // UUID v7 (the version nibble 7), its time the event's: the order of events is their sequence.
      for (const event of events) {
        assert.match(event.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        const millis = Number.parseInt(event.id.replaceAll("-", "").slice(0, 12), 16);
        assert.ok(Math.abs(millis - Date.parse(event.createdAt)) < 60_000, "the id's time is the event's");
      }
      assert.match(events[0]?.createdAt ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.deepEqual(await store.findEvent(events[1]?.id ?? ""), events[1]);
      assert.equal(await store.findEvent("0190a000-0000-7000-8000-000000000000"), undefined);
      assert.equal(await store.findEvent("not-a-uuid"), undefined);
    });

    it("records submission.failed with its failure code and reason, never the document", async () => {
      const { store, refuseOrdersNamed } = fixture();
      await refuseOrdersNamed("BAD-1");
      const bad = submission(order("BAD-1", { customer: { email: "secret@example.com" } }));
      const good = submission(order("GOOD-1"));
      await store.commitIntake([{ submissions: [bad, good] }]);
      assert.equal(await processAll(), 2);
      const events = await store.listEvents({ trkref: "ACME", limit: 10 });
      assert.deepEqual(
        events.map((e) => [e.type, e.orderRef]),
        [
          ["order.created", "GOOD-1"],
          ["submission.failed", "BAD-1"],
        ],
      );
      const failed = dataOf(events[1]);
      assert.equal(failed.submission.id, bad.id);
      assert.equal(failed.submission.status, "failed");
      assert.equal(failed.submission.failure_code, "not_storable");
      assert.equal(typeof failed.submission.failure_reason, "string");
      assert.doesNotMatch(events[1]?.data ?? "", /secret@example\.com/);
    });

    it("numbers each organisation's events apart, without gaps, in commit order", async () => {
      const { store } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      for (let i = 1; i <= 3; i += 1) {
        await store.commitIntake([
          { submissions: [submission(order(`A-${i}`)), submission(order(`B-${i}`, { trkref: "BETA" }))] },
        ]);
        await processAll();
      }
      const acme = await store.listEvents({ trkref: "ACME", limit: 10 });
      const beta = await store.listEvents({ trkref: "BETA", limit: 10 });
      assert.deepEqual(
        acme.map((e) => [e.sequence, e.orderRef]),
        [
          [1, "A-1"],
          [2, "A-2"],
          [3, "A-3"],
        ],
      );
      assert.deepEqual(
        beta.map((e) => e.sequence),
        [1, 2, 3],
      );
    });

    it("reads after a place in the sequence, a page at a time, and by type", async () => {
      const { store, refuseOrdersNamed } = fixture();
      await refuseOrdersNamed("F-BAD");
      await store.commitIntake([
        {
          submissions: [
            submission(order("F-1")),
            submission(order("F-2")),
            submission(order("F-1", { fulfilment_date: "2021-10-01" })),
            submission(order("F-BAD")),
          ],
        },
      ]);
      await processAll();
      const all = await store.listEvents({ trkref: "ACME", limit: 100 });
      assert.equal(all.length, 4);
      const page = await store.listEvents({ trkref: "ACME", afterSequence: 1, limit: 2 });
      assert.deepEqual(
        page.map((e) => e.sequence),
        [2, 3],
      );
      const updates = await store.listEvents({ trkref: "ACME", types: ["order.updated"], limit: 10 });
      assert.deepEqual(
        updates.map((e) => [e.type, e.orderRef]),
        [["order.updated", "F-1"]],
      );
      const some = await store.listEvents({
        trkref: "ACME",
        types: ["order.created", "submission.failed"],
        limit: 10,
      });
      assert.deepEqual(
        some.map((e) => e.type),
        ["order.created", "order.created", "submission.failed"],
      );
      assert.deepEqual(await store.listEvents({ trkref: "ACME", afterSequence: 4, limit: 10 }), []);
      assert.deepEqual(await store.listEvents({ trkref: "NOBODY", limit: 10 }), []);
    });

    it("records nothing when the batch's transaction rolls back", async () => {
      const { store, openProcessing } = fixture();
      await store.commitIntake([{ submissions: [submission(order("R-1"))] }]);
      const { database, close } = await openProcessing();
      try {
        await assert.rejects(
          database.inTransaction(async (tx) => {
            const [claimed] = await tx.claimPending(10);
            assert.ok(claimed);
            await tx.writeEvents(
              [
                {
                  id: "0190a000-0000-7000-8000-000000000001",
                  type: "order.created",
                  trkref: "ACME",
                  orderRef: "R-1",
                  createdAt: new Date().toISOString(),
                  data: {},
                },
              ],
              new Date().toISOString(),
            );
            throw new Error("the database went away before the commit");
          }),
          /went away/,
        );
      } finally {
        await close();
      }
      assert.deepEqual(await store.listEvents({ trkref: "ACME", limit: 10 }), []);
      // The sequence did not move either: the next event is the organisation's first.
      await processAll();
      assert.deepEqual(
        (await store.listEvents({ trkref: "ACME", limit: 10 })).map((e) => e.sequence),
        [1],
      );
    });

    it("deletes the events older than the cutoff, a bounded number at a time, and keeps the numbering", async () => {
      const { store, exec } = fixture();
      for (let i = 1; i <= 3; i += 1)
        await store.commitIntake([{ submissions: [submission(order(`T-${i}`))] }]);
      await processAll();
      await exec("UPDATE events SET created_at = '2020-01-01T00:00:00.000Z' WHERE sequence <= 2");
      assert.equal(await store.deleteEventsBefore("2021-01-01T00:00:00.000Z", 1), 1);
      assert.equal(await store.deleteEventsBefore("2021-01-01T00:00:00.000Z", 10), 1);
      assert.equal(await store.deleteEventsBefore("2021-01-01T00:00:00.000Z", 10), 0);
      assert.deepEqual(
        (await store.listEvents({ trkref: "ACME", limit: 10 })).map((e) => e.sequence),
        [3],
      );
      await store.commitIntake([{ submissions: [submission(order("T-4"))] }]);
      await processAll();
      assert.deepEqual(
        (await store.listEvents({ trkref: "ACME", afterSequence: 3, limit: 10 })).map((e) => e.sequence),
        [4],
      );
    });
  });
}

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SubmissionListQuery } from "../../../src/storage/store.js";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";

/** Listing an organisation's submissions by status, and the submissions of several orders at once. */
export function submissionListingContract(open: OpenFixture): void {
  describe("submissions: listing an organisation's by status", () => {
    const fixture = useFreshFixture(open);

    /** The order_refs of ACME's submissions in `status`, oldest first, unless the query says otherwise. */
    const listed = async (status: SubmissionListQuery["status"], query: Partial<SubmissionListQuery> = {}) =>
      (
        await fixture().store.listSubmissionsByStatus({
          trkref: "ACME",
          status,
          direction: "ascending",
          limit: 100,
          ...query,
        })
      ).map((listedSubmission) => listedSubmission.orderRef);

    it("lists accepted, processed and failed ones apart, in acceptance order, either way", async () => {
      const { store, refuseOrdersNamed } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      await refuseOrdersNamed("F-1");
      const settled = ["S-1", "F-1", "S-2", "S-3"].map((ref) => submission(order(ref)));
      await store.commitIntake([{ submissions: [...settled, submission(order("B-1", { trkref: "BETA" }))] }]);
      await store.processPendingSubmissions(100);
      await store.commitIntake([
        { submissions: [submission(order("P-1"))] },
        { submissions: [submission(order("P-2"))] },
      ]);

      assert.deepEqual(await listed("processed"), ["S-1", "S-2", "S-3"]);
      assert.deepEqual(await listed("processed", { direction: "descending" }), ["S-3", "S-2", "S-1"]);
      assert.deepEqual(await listed("accepted"), ["P-1", "P-2"]);
      assert.deepEqual(await listed("accepted", { direction: "descending", limit: 1 }), ["P-2"]);
      assert.deepEqual(await listed("failed"), ["F-1"]);
      assert.deepEqual(await listed("processed", { trkref: "BETA" }), ["B-1"]);

      const [failed] = await store.listSubmissionsByStatus({
        trkref: "ACME",
        status: "failed",
        direction: "ascending",
        limit: 1,
      });
      const { seq, ...record } = failed ?? assert.fail("F-1 is listed");
      assert.deepEqual(record, await store.findSubmission(settled[1]?.id ?? ""));
      assert.equal(record.status, "failed");
      assert.ok(record.failureReason, "a failed submission says why");
      assert.ok(Number.isSafeInteger(seq));
    });

    it("starts after a position, the seq of the last submission of the page before", async () => {
      const { store } = fixture();
      await store.commitIntake([
        { submissions: ["Q-1", "Q-2", "Q-3", "Q-4"].map((ref) => submission(order(ref))) },
      ]);
      const page = async (query: Partial<SubmissionListQuery>) =>
        store.listSubmissionsByStatus({
          trkref: "ACME",
          status: "accepted",
          direction: "ascending",
          limit: 2,
          ...query,
        });
      const first = await page({});
      assert.deepEqual(
        first.map((s) => s.orderRef),
        ["Q-1", "Q-2"],
      );
      const second = await page({ afterSeq: first.at(-1)?.seq });
      assert.deepEqual(
        second.map((s) => s.orderRef),
        ["Q-3", "Q-4"],
      );
      assert.deepEqual(await page({ afterSeq: second.at(-1)?.seq }), []);
      const back = await page({ direction: "descending", afterSeq: second[0]?.seq });
      assert.deepEqual(
        back.map((s) => s.orderRef),
        ["Q-2", "Q-1"],
      );
      await store.processPendingSubmissions(100);
      assert.deepEqual(await listed("processed", { afterSeq: first[0]?.seq }), ["Q-2", "Q-3", "Q-4"]);
    });
  });

  describe("submissions: listing those of several orders", () => {
    const fixture = useFreshFixture(open);

    it("lists the submissions of the orders named, processed and pending, oldest first", async () => {
      const { store } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      const first = [submission(order("M-1")), submission(order("M-2")), submission(order("M-3"))];
      await store.commitIntake([{ submissions: [...first, submission(order("M-1", { trkref: "BETA" }))] }]);
      await store.processPendingSubmissions(100);
      const later = submission(order("M-1", { fulfilment_date: "2021-09-30" }));
      await store.commitIntake([{ submissions: [later] }]);

      const listed = await store.listSubmissionsForOrders("ACME", ["M-1", "M-2", "M-404"]);
      assert.deepEqual(
        listed.map((s) => [s.orderRef, s.id, s.status]),
        [
          ["M-1", first[0]?.id, "processed"],
          ["M-2", first[1]?.id, "processed"],
          ["M-1", later.id, "accepted"],
        ],
      );
      assert.deepEqual(await store.listSubmissionsForOrders("ACME", []), []);
    });
  });
}

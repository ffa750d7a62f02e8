import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";

/** commitIntake: submissions written as accepted, a group all or nothing, a batch record with its submissions. */
export function intakeContract(open: OpenFixture): void {
  describe("intake: committing submissions and batches", () => {
    const fixture = useFreshFixture(open);

    it("commits submissions as accepted and finds them by id", async () => {
      const { store } = fixture();
      const rows = [submission(order("A-1")), submission(order("A-2"))];
      await store.commitIntake([{ submissions: rows }]);
      assert.equal(await store.countPendingSubmissions(), 2);
      const found = await store.findSubmission(rows[0]?.id ?? "");
      assert.equal(found?.status, "accepted");
      assert.equal(found?.orderRef, "A-1");
      assert.equal(found?.outcome, null);
      assert.equal(await store.findSubmission("01900000-0000-7000-8000-ffffffffffff"), undefined);
    });

    it("commits all of a group or none", async () => {
      const { store } = fixture();
      const duplicateId = submission(order("G-1"));
      await assert.rejects(
        store.commitIntake([{ submissions: [submission(order("G-2")), duplicateId, duplicateId] }]),
      );
      assert.equal(await store.countPendingSubmissions(), 0);
    });

    it("commits a batch record with its submissions and finds both", async () => {
      const { store } = fixture();
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
  });
}

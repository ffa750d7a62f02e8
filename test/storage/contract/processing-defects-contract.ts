import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { customerHasherOfKey } from "../../../src/domain/customer-privacy.js";
import {
  DEFECT_FAILURE_REASON,
  processPendingSubmissions,
} from "../../../src/processing/process-submissions.js";
import { StoreDefectError } from "../../../src/storage/store.js";
import { withDefectSaving } from "../../helpers/processing-faults.js";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";

/**
 * A defect of the service (not a refusal of the database, not an outage) fails only the submission it
 * stopped, with a reason that shows nothing of it, and is reported with its stack for the log and the metrics.
 */
export function processingDefectsContract(open: OpenFixture): void {
  describe("processing: a defect fails one submission and is reported", () => {
    const fixture = useFreshFixture(open);

    it("fails only the submission a defect stopped, with a generic reason, and reports it whole", async () => {
      const { store, openProcessing } = fixture();
      const submissions = ["OK-1", "BUG", "OK-2"].map((ref) => submission(order(ref)));
      await store.commitIntake([{ submissions }]);
      const processing = await openProcessing();
      try {
        const report = await processPendingSubmissions(
          withDefectSaving(processing.database, (ref) => ref === "BUG"),
          10,
          customerHasherOfKey(await store.customerHashKey()),
        );
        assert.equal(report.taken, 3);
        assert.equal(report.defects.length, 1);
        assert.equal(report.defects[0]?.submissionId, submissions[1]?.id);
        assert.equal(report.defects[0]?.name, "TypeError");
        assert.equal(report.defects[0]?.message, "a bug in merging");
        assert.match(String(report.defects[0]?.stack), /withDefectSaving|saveOrders/);
      } finally {
        await processing.close();
      }

      const outcomes = await Promise.all(submissions.map((s) => store.findSubmission(s.id)));
      assert.deepEqual(
        outcomes.map((s) => [s?.orderRef, s?.status]),
        [
          ["OK-1", "processed"],
          ["BUG", "failed"],
          ["OK-2", "processed"],
        ],
      );
      assert.equal(outcomes[1]?.failureReason, DEFECT_FAILURE_REASON);
      assert.equal(outcomes[1]?.failureCode, "internal_error");
      assert.doesNotMatch(String(outcomes[1]?.failureReason), /bug|TypeError/);
      assert.equal(await store.findOrder("ACME", "BUG"), undefined);
      assert.ok(await store.findOrder("ACME", "OK-2"));
    });

    it("aborts a batch whose every submission meets a defect, failing none: a broken release", async () => {
      const { store, openProcessing } = fixture();
      const submissions = ["ALL-1", "ALL-2"].map((ref) => submission(order(ref)));
      await store.commitIntake([{ submissions }]);
      const processing = await openProcessing();
      try {
        await assert.rejects(
          processPendingSubmissions(
            withDefectSaving(processing.database, () => true),
            10,
            customerHasherOfKey(await store.customerHashKey()),
          ),
          (error: unknown) => {
            assert.ok(error instanceof StoreDefectError, String(error));
            assert.match(String((error.cause as Error)?.message), /a bug in merging/);
            return true;
          },
        );
      } finally {
        await processing.close();
      }
      for (const s of submissions) assert.equal((await store.findSubmission(s.id))?.status, "accepted");
      assert.equal((await store.processPendingSubmissions(10)).taken, 2, "a fixed release processes them");
    });
  });
}

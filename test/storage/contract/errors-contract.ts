import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StoreDefectError, StoreUnavailableError } from "../../../src/storage/store.js";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";

/** An error of this class, and of no other of the store's (a defect must never pass for an outage). */
const isError = (expected: typeof StoreDefectError | typeof StoreUnavailableError) => (error: unknown) => {
  assert.ok(error instanceof expected, `expected ${expected.name}, got ${String(error)}`);
  return true;
};

/**
 * The same fault is the same error on every store: StoreUnavailableError (503 with Retry-After) when the
 * database cannot serve now, StoreDefectError (500, logged) when retrying cannot help.
 */
export function errorsContract(open: OpenFixture): void {
  describe("errors: one classification for every store", () => {
    const fixture = useFreshFixture(open);

    it("raises a duplicate submission id as a defect, not as an outage to retry", async () => {
      const { store } = fixture();
      const once = submission(order("DUP-1"));
      await store.commitIntake([{ submissions: [once] }]);
      await assert.rejects(store.commitIntake([{ submissions: [once] }]), isError(StoreDefectError));
      assert.equal(await store.countPendingSubmissions(), 1);
    });

    it("raises a statement the database cannot run (a table gone) as a defect", async () => {
      const { store, exec } = fixture();
      await store.probeWrite();
      await exec("DROP TABLE heartbeat");
      await assert.rejects(store.probeWrite(), isError(StoreDefectError));
    });

    it("raises a call on a closed store as the store being unavailable", async () => {
      const other = await fixture().openAnother();
      await other.close();
      await assert.rejects(other.findOrganisation("ACME"), isError(StoreUnavailableError));
      await assert.rejects(
        other.commitIntake([{ submissions: [submission(order("CLOSED-1"))] }]),
        isError(StoreUnavailableError),
      );
    });
  });
}

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";

/** Listing the submissions of one order, whatever state each is in. */
export function submissionsContract(open: OpenFixture): void {
  describe("submissions: listing an order's", () => {
    const fixture = useFreshFixture(open);

    it("lists the submissions of one order, oldest first", async () => {
      const { store } = fixture();
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
      const { store } = fixture();
      const first = submission(order("M-1"));
      await store.commitIntake([{ submissions: [first, submission(order("M-2"))] }]);
      await store.processPendingSubmissions(10);
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
  });
}

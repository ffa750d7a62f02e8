import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";

/** Idempotency records: kept until they expire, given way after, purged, one per key while they live. */
export function idempotencyContract(open: OpenFixture): void {
  describe("idempotency records", () => {
    const fixture = useFreshFixture(open);

    it("keeps idempotency records until they expire, purges them after, and leaves out a second with the same key", async () => {
      const { store } = fixture();
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
  });
}

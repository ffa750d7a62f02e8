import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { customerHasherOfKey } from "../../src/domain/customer-privacy.js";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import { newRecordId } from "../../src/domain/record-id.js";
import { processPendingSubmissions } from "../../src/processing/process-submissions.js";
import { openStore } from "../../src/storage/open-store.js";
import { createPostgresPool } from "../../src/storage/postgres/postgres-pool.js";
import { createPostgresProcessing } from "../../src/storage/postgres/postgres-processing.js";
import type { ProcessingDatabase } from "../../src/storage/processing-io.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";

/** Resolves to "pending" if `promise` has not settled within `ms`: sequencing, not a timing assertion. */
const stateAfter = (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(() => "settled"),
    new Promise((resolve) => setTimeout(() => resolve("pending"), ms)),
  ]);

/** The processing I/O, paused after its claim until `resume` is called, as a slow processor would be. */
function pausedAfterClaim(database: ProcessingDatabase) {
  let claimed: () => void = () => {};
  let resume: () => void = () => {};
  const hasClaimed = new Promise<void>((resolve) => {
    claimed = resolve;
  });
  const resumed = new Promise<void>((resolve) => {
    resume = resolve;
  });
  const paused: ProcessingDatabase = {
    ...database,
    inTransaction: (work) =>
      database.inTransaction((tx) =>
        work({
          ...tx,
          async claimPending(limit) {
            const rows = await tx.claimPending(limit);
            claimed();
            await resumed;
            return rows;
          },
        }),
      ),
  };
  return { paused, hasClaimed, resume };
}

await withPostgres(() =>
  describe("PostgreSQL: an erasure beside a processor", () => {
    it("waits for a processor applying the customer's submission, and erases what it left", async () => {
      const schema = createTestSchema("erasure");
      const store = await openStore(schema.url, { poolSize: 4 });
      const { pool } = createPostgresPool(schema.url, { maxConnections: 2, timeoutMs: 5000 });
      let resumeProcessor = () => {};
      after(async () => {
        // Should an assertion fail while the processor is paused, let it end first.
        resumeProcessor();
        await store.close();
        await pool.end();
        await schema.drop();
      });
      await store.createOrganisation({ trkref: "ACME", name: "Acme", enabled: true });
      const hasher = customerHasherOfKey(await store.customerHashKey());
      const order: NormalisedOrder = {
        trkref: "ACME",
        order_ref: "W-1",
        customer: { email: "jane@example.com" },
        order_items: [{ sku: "S-1" }],
      };
      const submissionId = newRecordId();
      await store.commitIntake([
        {
          submissions: [
            {
              id: submissionId,
              keyId: "oik_test",
              order,
              raw: JSON.stringify(order),
              acceptedAt: new Date().toISOString(),
              customerHash: hasher.email("ACME", "jane@example.com"),
            },
          ],
        },
      ]);
      const requestId = newRecordId();
      await store.createErasureRequest({
        id: requestId,
        trkref: "ACME",
        subjects: [{ kind: "email", hash: hasher.email("ACME", "jane@example.com") }],
        requestedBy: "operator",
        requestedAt: new Date().toISOString(),
      });

      // A processor claims the submission and is slow to apply it.
      const { paused, hasClaimed, resume } = pausedAfterClaim(createPostgresProcessing(pool));
      resumeProcessor = resume;
      const processing = processPendingSubmissions(paused, 10, hasher);
      await hasClaimed;
      const erasure = store.runErasure(requestId, new Date().toISOString());
      assert.equal(await stateAfter(erasure, 300), "pending", "the erasure waits for the processor");

      resume();
      assert.equal((await processing).taken, 1);
      const completed = await erasure;
      // Found as the processor left it: a processed submission and the order it made.
      assert.deepEqual(completed?.counts, {
        orders: 1,
        order_items: 1,
        submissions: 1,
        pending_submissions: 0,
        events: 1,
        webhook_attempts: 0,
        idempotency_records: 0,
        suppressions: 1,
        invitations: 0,
      });
      assert.equal(await store.findOrder("ACME", "W-1"), undefined);
      const erased = await store.findSubmission(submissionId);
      assert.equal(erased?.status, "processed", "the processor's outcome stands");
      assert.equal(erased?.outcome, "created");
    });
  }),
);

import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import pg from "pg";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import { openStore } from "../../src/storage/open-store.js";
import { commitIntake } from "../../src/storage/postgres/commit-intake.js";
import { claimSubmissions } from "../../src/storage/postgres/submissions-sql.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";

const order = (fulfilment: string): NormalisedOrder => ({
  trkref: "ACME",
  order_ref: "SLOW-1",
  order_date: "2021-09-01",
  fulfilment_date: fulfilment,
  customer: { email: "a@example.com" },
  order_items: [{ sku: "S-1" }],
});

const submission = (id: string, o: NormalisedOrder) => ({
  id,
  keyId: "oik_test",
  order: o,
  raw: JSON.stringify(o),
  acceptedAt: new Date().toISOString(),
});

/** Resolves to "pending" if `promise` has not settled within `ms`: sequencing, not a timing assertion. */
const stateAfter = (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(() => "settled"),
    new Promise((resolve) => setTimeout(() => resolve("pending"), ms)),
  ]);

await withPostgres(() =>
  describe("PostgreSQL: one order's submissions become visible in seq order", () => {
    it("holds a later commit of an order until an earlier, slower one of the same order has committed", async () => {
      const schema = createTestSchema("ordering");
      const store = await openStore(schema.url, { poolSize: 4 });
      const pool = new pg.Pool({
        connectionString: schema.url.replace(/\?schema=.*/, ""),
        options: `-c search_path=${schema.schema}`,
      });
      // Group 1 inserts its submission (the lower seq) and stays open, as a slow commit would.
      const slow = await pool.connect();
      let slowOpen = true;
      after(async () => {
        // Should an assertion fail while group 1 is open, end it first, or closing the pool would wait forever.
        if (slowOpen) {
          await slow.query("ROLLBACK").catch(() => {});
          slow.release();
        }
        await store.close();
        await pool.end();
        await schema.drop();
      });
      await slow.query("BEGIN");
      await commitIntake(slow, [
        { submissions: [submission("01900000-0000-7000-8000-000000000a01", order("2021-09-10"))] },
      ]);

      // Group 2, for the same order, must not become visible before group 1.
      const later = store.commitIntake([
        { submissions: [submission("01900000-0000-7000-8000-000000000a02", order("2021-09-20"))] },
      ]);
      assert.equal(await stateAfter(later, 300), "pending", "the later group waits for the earlier one");
      const claimer = await pool.connect();
      await claimer.query("BEGIN");
      assert.deepEqual(
        await claimSubmissions(claimer, 10),
        [],
        "nothing of the order can be claimed out of order",
      );
      await claimer.query("ROLLBACK");
      claimer.release();

      await slow.query("COMMIT");
      slow.release();
      slowOpen = false;
      await later;
      while ((await store.processPendingSubmissions(10)).taken > 0) {}
      const listed = await store.listSubmissionsForOrder("ACME", "SLOW-1");
      assert.deepEqual(
        listed.map((s) => [s.id.slice(-3), s.outcome]),
        [
          ["a01", "created"],
          ["a02", "updated"],
        ],
      );
      assert.equal((await store.findOrder("ACME", "SLOW-1"))?.order.fulfilment_date, "2021-09-20");
    });
  }),
);

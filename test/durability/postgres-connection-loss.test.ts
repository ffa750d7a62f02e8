import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { openStore } from "../../src/storage/open-store.js";
import { asPostgresAdmin, createTestDatabase, withPostgres } from "../helpers/postgres.js";
import {
  killAllServers,
  type ServerProcess,
  startServer,
  submitOrders,
  waitUntilProcessed,
} from "../helpers/server-process.js";
import { createOrgAndKey } from "../helpers/test-app.js";

await withPostgres(() => {
  describe("PostgreSQL connections lost in the middle of transactions", () => {
    const database = createTestDatabase("lost");
    const { url } = database;
    let authorization = "";
    let server: ServerProcess;
    before(async () => {
      await database.create();
      const store = await openStore(url);
      try {
        ({ authorization } = await createOrgAndKey(store, "ACME"));
      } finally {
        await store.close();
      }
      server = await startServer(url, { LOOKUP_CACHE_TTL_MS: "0" });
    });
    after(async () => {
      await killAllServers();
      await database.drop();
    });

    it("keeps serving: each request caught in a lost connection gets 503, every 202 is kept and processed", async () => {
      let load = true;
      const terminated: number[] = [];
      // Ends the server's busy connections (in a query or a transaction) again and again while orders flow.
      const cutter = (async () => {
        for (let round = 0; round < 40 && load; round++) {
          await sleep(50);
          const { rowCount } = await asPostgresAdmin((admin) =>
            admin.query(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
               WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle'`,
              [database.name],
            ),
          );
          terminated.push(rowCount ?? 0);
        }
      })();
      const { outcomes, ledger } = await submitOrders({
        url: server.url,
        authorization,
        trkref: "ACME",
        count: 600,
        concurrency: 8,
      });
      load = false;
      await cutter;

      assert.ok(terminated.reduce((sum, n) => sum + n, 0) > 0, "connections were ended while busy");
      await assert.rejects(server.waitForExit(200), "the server is still running");
      assert.doesNotMatch(server.stderr(), /Unhandled|uncaught/i);
      for (const outcome of outcomes) {
        assert.ok("status" in outcome, `every request was answered: ${JSON.stringify(outcome)}`);
        assert.ok(
          outcome.status === 202 || (outcome.status === 503 && outcome.code === "store_unavailable"),
          JSON.stringify(outcome),
        );
      }
      assert.ok(ledger.length > 0, "orders were acknowledged");
      const after = await submitOrders({
        url: server.url,
        authorization,
        trkref: "ACME",
        count: 5,
        concurrency: 1,
      });
      assert.equal(after.ledger.length, 5, "the next requests succeed");
      assert.deepEqual(
        await waitUntilProcessed(server.url, authorization, [...ledger, ...after.ledger], 30_000),
        [],
      );
    });
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { asPostgresAdmin, createTestDatabase, withPostgres } from "../helpers/postgres.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import { orderUrl } from "../http/order-requests.js";

await withPostgres(() => {
  describe("PostgreSQL not accepting connections (ALLOW_CONNECTIONS false, as during maintenance)", () => {
    const database = createTestDatabase("closed");
    let t: TestApp;
    before(async () => {
      await database.create();
      // No look-up cache, so that each request needs a connection.
      t = await createTestApp({
        DATABASE_URL: database.url,
        LOOKUP_CACHE_TTL_MS: "0",
        LOG_LEVEL: "silent",
      });
    });
    after(async () => {
      await t?.close();
      await database.drop();
    });

    const submit = (orderRef: string) =>
      t.app.inject({
        method: "POST",
        url: orderUrl("ACME"),
        headers: { authorization: t.acme.authorization, "content-type": "application/json" },
        payload: JSON.stringify({ ...exampleOrder("ACME"), order_ref: orderRef }),
      });

    it("answers 503 with Retry-After while the database refuses connections, and 202 once it takes them", async () => {
      assert.equal((await submit("BEFORE")).statusCode, 202);
      await asPostgresAdmin(async (admin) => {
        await admin.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS false`);
        // The pool's connections are idle between requests: ended, they must be opened again, and are refused.
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [
          database.name,
        ]);
      });
      for (let n = 0; n < 3; n++) {
        const refused = await submit(`DURING-${n}`);
        assertProblem(refused, 503, "store_unavailable");
        assert.ok(refused.headers["retry-after"], "Retry-After must be sent");
      }
      await asPostgresAdmin((admin) => admin.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`));
      const after = await submit("AFTER");
      assert.equal(after.statusCode, 202, after.body);
      const { id } = after.json() as { id: string };
      assert.ok(await t.store.findSubmission(id), "the order acknowledged after the outage is stored");
    });
  });
});

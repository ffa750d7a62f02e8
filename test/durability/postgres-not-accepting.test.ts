import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { exampleOrder } from "../../src/domain/order-example.js";
import { POSTGRES_TEST_URL, withPostgres } from "../helpers/postgres.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import { orderUrl } from "../http/order-requests.js";

/** The test server's URL with another database; this file needs a database of its own to lock out. */
function databaseUrl(database: string): string {
  const url = new URL(POSTGRES_TEST_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

await withPostgres(() => {
  describe("PostgreSQL not accepting connections (ALLOW_CONNECTIONS false, as during maintenance)", () => {
    const database = `t_closed_${randomBytes(5).toString("hex")}`;
    let t: TestApp;
    before(async () => {
      await asAdmin((admin) => admin.query(`CREATE DATABASE ${database}`));
      // No look-up cache, so that each request needs a connection.
      t = await createTestApp({
        DATABASE_URL: databaseUrl(database),
        LOOKUP_CACHE_TTL_MS: "0",
        LOG_LEVEL: "silent",
      });
    });
    after(async () => {
      await t?.close();
      await asAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
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
      await asAdmin(async (admin) => {
        await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
        // The pool's connections are idle between requests: ended, they must be opened again, and are refused.
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [
          database,
        ]);
      });
      for (let n = 0; n < 3; n++) {
        const refused = await submit(`DURING-${n}`);
        assertProblem(refused, 503, "store_unavailable");
        assert.ok(refused.headers["retry-after"], "Retry-After must be sent");
      }
      await asAdmin((admin) => admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`));
      const after = await submit("AFTER");
      assert.equal(after.statusCode, 202, after.body);
      const { id } = after.json() as { id: string };
      assert.ok(await t.store.findSubmission(id), "the order acknowledged after the outage is stored");
    });
  });
});

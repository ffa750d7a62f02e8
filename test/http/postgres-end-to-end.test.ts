import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";
import { createTestApp } from "../helpers/test-app.js";

const CLI = new URL("../../dist/cli/main.js", import.meta.url).pathname;

/** Every capability once more, through HTTP and the CLI, on PostgreSQL instead of SQLite. */
await withPostgres(() =>
  describe("the service on PostgreSQL", () => {
    const schema = createTestSchema("e2e");
    after(() => schema.drop());

    it("submits, batches, replays, processes, reports and reads back as on SQLite", async () => {
      const t = await createTestApp({}, { databasePath: schema.url });
      after(() => t.close());
      assert.equal(t.store.kind, "postgres");
      const headers = { authorization: t.acme.authorization, "content-type": "application/json" };

      const organisations = await t.app.inject({ url: "/v4/organisations", headers });
      assert.deepEqual(organisations.json(), { data: [{ trkref: "ACME", name: "ACME Ltd", enabled: true }] });

      const single = await t.app.inject({
        method: "POST",
        url: "/v4/organisations/ACME/customer_order",
        headers: { ...headers, "idempotency-key": "pg-1" },
        payload: { ...exampleOrder("ACME"), order_date: "25-09-2021", fulfilment_date: undefined },
      });
      assert.equal(single.statusCode, 202);
      const replay = await t.app.inject({
        method: "POST",
        url: "/v4/organisations/ACME/customer_order",
        headers: { ...headers, "idempotency-key": "pg-1" },
        payload: { ...exampleOrder("ACME"), order_date: "25-09-2021", fulfilment_date: undefined },
      });
      assert.equal(replay.headers["idempotent-replayed"], "true");
      assert.equal(replay.json().id, single.json().id);

      const batch = await t.app.inject({
        method: "POST",
        url: "/v4/customer_orders",
        headers,
        payload: [exampleOrder("ACME"), { ...exampleOrder("ACME"), order_ref: "" }],
      });
      assert.equal(batch.statusCode, 206);
      assert.deepEqual(batch.json().summary, { accepted: 1, rejected: 1 });

      await t.processAll();
      const status = await t.app.inject({ url: `/v4/customer_orders/${single.json().id}`, headers });
      assert.equal(status.json().outcome, "created");
      const batchStatus = await t.app.inject({
        url: `/v4/customer_orders/batches/${batch.json().id}`,
        headers,
      });
      assert.equal(batchStatus.json().results[0].outcome, "updated", "the batch added the fulfilment date");

      const order = await t.app.inject({
        url: "/v4/organisations/ACME/customer_orders/ORD-2021-000123",
        headers,
      });
      assert.equal(order.statusCode, 200);
      assert.equal(order.json().order_date, "2021-09-25");
      assert.equal(order.json().fulfilment_date, "2021-09-27");
      assert.equal(order.json().order_items[0].price, "55.99");
      assert.deepEqual(
        order.json().submissions.map((s: { outcome: string }) => s.outcome),
        ["created", "updated"],
      );
      const missing = await t.app.inject({ url: "/v4/customer_orders/batches/not-a-uuid", headers });
      assert.equal(missing.statusCode, 404);
      // A NUL cannot reach a text column: answered like any unknown thing, never 503.
      const nulRef = await t.app.inject({ url: "/v4/organisations/ACME/customer_orders/a%00b", headers });
      assert.equal(nulRef.statusCode, 404);
      const nulKey = `Basic ${Buffer.from("oik_\u0000:secret").toString("base64")}`;
      const refused = await t.app.inject({
        url: `/v4/customer_orders/${single.json().id}`,
        headers: { authorization: nulKey },
      });
      assert.equal(refused.statusCode, 401);
      const nulOrder = await t.app.inject({
        method: "POST",
        url: "/v4/organisations/ACME/customer_order",
        headers,
        payload: { ...exampleOrder("ACME"), order_ref: "N\u0000UL" },
      });
      assert.equal(nulOrder.statusCode, 422);
      assert.equal(nulOrder.json().invalid_params[0].code, "invalid_character");
    });

    it("drains a backlog of one order at once, not one submission per poll interval", async () => {
      const t = await createTestApp({}, { databasePath: schema.url });
      after(() => t.close());
      const headers = { authorization: t.acme.authorization, "content-type": "application/json" };
      for (let day = 10; day < 16; day++) {
        const response = await t.app.inject({
          method: "POST",
          url: "/v4/organisations/ACME/customer_order",
          headers,
          payload: { ...exampleOrder("ACME"), order_ref: "HOT-1", fulfilment_date: `${day}-10-2021` },
        });
        assert.equal(response.statusCode, 202);
      }
      const { createProcessor } = await import("../../src/processing/processor.js");
      const quiet = { info() {}, warn() {}, error() {}, debug() {} };
      // Only one submission of an order can be claimed per round: without looping at once after progress,
      // six would take six polls of ten minutes.
      const processor = createProcessor({ store: t.store, log: quiet, batchSize: 10, pollMs: 600_000 });
      processor.start();
      after(() => processor.stop());
      let pending = -1;
      for (let attempt = 0; attempt < 200 && pending !== 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        pending = await t.store.countPendingSubmissions();
      }
      assert.equal(pending, 0);
    });

    it("runs the operator CLI against the same database", () => {
      const env = { ...process.env, DATABASE_URL: schema.url, LOG_LEVEL: "silent" };
      execFileSync("node", [CLI, "org", "create", "PG-ORG", "--name", "On Postgres", "--enable"], { env });
      const listed = JSON.parse(execFileSync("node", [CLI, "org", "list", "--json"], { env }).toString());
      assert.ok(
        listed.some((org: { trkref: string; enabled: boolean }) => org.trkref === "PG-ORG" && org.enabled),
      );
      const key = JSON.parse(
        execFileSync("node", [CLI, "key", "create", "--org", "PG-ORG", "--json"], { env }).toString(),
      );
      assert.match(key.key_id, /^oik_/);
      execFileSync("node", [CLI, "migrate"], { env });
    });
  }),
);

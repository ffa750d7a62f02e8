import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createErasureRunner } from "../../src/processing/erasure-runner.js";
import { createPrivacyRetention, type RetentionSweep } from "../../src/processing/privacy-retention.js";
import { eventually } from "../helpers/eventually.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";
import { storedDocuments } from "../helpers/stored-submission.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

const DAY_MS = 24 * 60 * 60 * 1000;

function recordingLog() {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  const record = (fields: object, message?: string) =>
    lines.push({ fields: fields as Record<string, unknown>, message: message ?? "" });
  return { lines, log: { info: record, error: record } };
}

async function submit(app: TestApp, orderRef: string, email = "jane.doe@example.com") {
  const example = exampleOrder("ACME");
  const response = await app.app.inject({
    method: "POST",
    url: "/v4/organisations/ACME/customer_order",
    headers: { authorization: app.acme.authorization, "content-type": "application/json" },
    payload: { ...example, order_ref: orderRef, customer: { ...example.customer, email } },
  });
  assert.equal(response.statusCode, 202, response.body);
  return response.json().id as string;
}

type Opened = TestApp & { schema?: string };

const rawOf = async (app: Opened, id: string) =>
  (await storedDocuments({ database: app.config.databaseUrl, ...(app.schema && { schema: app.schema }) }, id))
    ?.raw;

/** The retention sweep and the erasure runner on one adapter, the sweep's clock moved by the test. */
function retentionCases(open: (t: TestContext) => Promise<Opened>) {
  it("empties raw documents once RAW_DOCUMENT_RETENTION_DAYS have passed since processing, and no sooner", async (t) => {
    const app = await open(t);
    const ids = [await submit(app, "R-1"), await submit(app, "R-2")];
    await app.processAll();
    const pendingId = await submit(app, "R-3");
    let now = Date.now() + 29 * DAY_MS;
    const swept: RetentionSweep[] = [];
    const { lines, log } = recordingLog();
    const retention = createPrivacyRetention({
      store: app.store,
      settings: { rawDocumentRetentionDays: 30, orderRetentionDays: null },
      now: () => new Date(now),
      log,
      onSwept: (sweep) => swept.push(sweep),
    });
    assert.deepEqual(await retention.sweepOnce(), { rawDocuments: 0, orders: 0 });
    for (const id of ids) assert.notEqual(await rawOf(app, id), "");

    now = Date.now() + 31 * DAY_MS;
    assert.deepEqual(await retention.sweepOnce(), { rawDocuments: 2, orders: 0 });
    for (const id of ids) {
      const stored = await storedDocuments(
        { database: app.config.databaseUrl, ...(app.schema && { schema: app.schema }) },
        id,
      );
      assert.equal(stored?.raw, "");
      // The normalised document stays: the order's history is kept as long as the order.
      assert.ok(stored?.document.includes("jane.doe@example.com"));
    }
    // Not yet processed: kept whatever its age, until it has been processed that long.
    assert.notEqual(await rawOf(app, pendingId), "");
    assert.ok(await app.store.findOrder("ACME", "R-1"), "the orders are kept");
    assert.deepEqual(swept, [{ rawDocuments: 2, orders: 0 }]);
    assert.ok(
      lines.some((line) => line.message.startsWith("retention enforced") && line.fields.rawDocuments === 2),
    );
    assert.deepEqual(await retention.sweepOnce(), { rawDocuments: 0, orders: 0 });
  });

  it("erases orders ORDER_RETENTION_DAYS after their last update, with an order.erased event, without suppressing", async (t) => {
    const app = await open(t);
    await submit(app, "OLD-1");
    await submit(app, "OLD-2", "sam@example.com");
    await app.processAll();
    let now = Date.now() + 364 * DAY_MS;
    const retention = createPrivacyRetention({
      store: app.store,
      settings: { rawDocumentRetentionDays: 30, orderRetentionDays: 365 },
      now: () => new Date(now),
      log: recordingLog().log,
    });
    assert.deepEqual(await retention.sweepOnce(), { rawDocuments: 2, orders: 0 });
    assert.ok(await app.store.findOrder("ACME", "OLD-1"));
    // Sent again, not yet processed: left until that submission has been applied.
    await submit(app, "OLD-3");
    await app.processAll();
    await submit(app, "OLD-3");

    now = Date.now() + 366 * DAY_MS;
    // OLD-1 and OLD-2's raw documents went in the sweep before; OLD-3's first goes now.
    assert.deepEqual(await retention.sweepOnce(), { rawDocuments: 1, orders: 2 });
    assert.equal(await app.store.findOrder("ACME", "OLD-1"), undefined);
    assert.equal(await app.store.findOrder("ACME", "OLD-2"), undefined);
    assert.ok(await app.store.findOrder("ACME", "OLD-3"), "an order being updated is kept");
    const events = await app.store.listEvents({ trkref: "ACME", types: ["order.erased"], limit: 10 });
    assert.deepEqual(events.map((event) => [event.orderRef, JSON.parse(event.data)]).sort(), [
      ["OLD-1", { order_ref: "OLD-1", reason: "retention" }],
      ["OLD-2", { order_ref: "OLD-2", reason: "retention" }],
    ]);
    // Retention is not a customer's request: their next order is kept whole.
    const key = await app.store.customerHashKey();
    assert.ok(key.length > 0);
    await submit(app, "NEW-1");
    await app.processAll();
    assert.equal((await app.store.findOrder("ACME", "NEW-1"))?.order.customer.email, "jane.doe@example.com");
  });

  it("carries out an erasure request the API recorded, in the background, and counts it", async (t) => {
    const app = await open(t);
    await submit(app, "E-1");
    await app.processAll();
    const response = await app.app.inject({
      method: "POST",
      url: "/v4/organisations/ACME/erasure_requests",
      headers: { authorization: app.acme.authorization, "content-type": "application/json" },
      payload: { email: "Jane.Doe@example.com" },
    });
    assert.equal(response.statusCode, 202, response.body);
    const { id } = response.json();
    const erased: unknown[] = [];
    const { lines, log } = recordingLog();
    const runner = createErasureRunner({
      store: app.store,
      log,
      now: () => new Date(),
      pollMs: 20,
      onErased: (counts) => erased.push(counts),
    });
    runner.start();
    t.after(() => runner.stop());
    assert.ok(await eventually(() => erased.length === 1, 10_000), "the runner carried the request out");
    const done = await app.store.findErasureRequest("ACME", id);
    assert.equal(done?.status, "completed");
    assert.equal(done?.counts?.orders, 1);
    assert.equal(await app.store.findOrder("ACME", "E-1"), undefined);
    const completed = lines.find((line) => line.message === "erasure completed");
    assert.equal(completed?.fields.requestId, id);
    assert.ok(!JSON.stringify(lines).toLowerCase().includes("jane.doe"), "no log line names the customer");
  });
}

describe("privacy retention and erasures: SQLite", () => {
  retentionCases(async (t) => {
    const app = await createTestApp();
    t.after(() => app.close());
    return app;
  });
});

await withPostgres(() =>
  describe("privacy retention and erasures: PostgreSQL", () => {
    retentionCases(async (t) => {
      const schema = createTestSchema("privacy_retention");
      const app = await createTestApp({ DATABASE_URL: schema.url });
      t.after(async () => {
        await app.close();
        await schema.drop();
      });
      return Object.assign(app, { schema: schema.schema });
    });
  }),
);

import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createEventRetention, EVENT_SWEEP_BATCH } from "../../src/processing/event-retention.js";
import { openSqliteDatabase } from "../../src/storage/sqlite/sqlite-connection.js";
import { submitOrder } from "../http/list-requests.js";
import { createAppPool } from "../http/order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

const DAY_MS = 24 * 60 * 60 * 1000;
const silent = { info: () => {}, error: () => {} };

describe("event retention", () => {
  it("deletes the events older than EVENT_RETENTION_DAYS, and none younger", async () => {
    const t = await apps.open();
    for (const ref of ["R-1", "R-2"]) await submitOrder(t, { ...exampleOrder("ACME"), order_ref: ref });
    await t.processAll();
    const events = await t.store.listEvents({ trkref: "ACME", limit: 10 });
    assert.equal(events.length, 2);
    const madeAt = Date.parse(events[0]?.createdAt ?? "");
    let now = new Date(madeAt + 29 * DAY_MS);
    const deletedCounts: number[] = [];
    const retention = createEventRetention({
      store: t.store,
      retentionDays: 30,
      now: () => now,
      log: silent,
      onDeleted: (count) => deletedCounts.push(count),
    });
    assert.equal(await retention.sweepOnce(), 0, "29 days on, both are kept");
    assert.equal((await t.store.listEvents({ trkref: "ACME", limit: 10 })).length, 2);
    now = new Date(madeAt + 31 * DAY_MS);
    assert.equal(await retention.sweepOnce(), 2);
    assert.deepEqual(await t.store.listEvents({ trkref: "ACME", limit: 10 }), []);
    assert.deepEqual(deletedCounts, [2]);
    assert.equal(await retention.sweepOnce(), 0);
  });

  it("deletes in transactions of a bounded size until it has caught up", async () => {
    const t = await apps.open();
    const many = EVENT_SWEEP_BATCH * 2 + 5;
    // Old events written straight into the file, as a long-running installation would hold them.
    const db = openSqliteDatabase(t.config.databaseUrl);
    try {
      const insert = db.prepare(
        `INSERT INTO events (id, trkref, sequence, type, order_ref, created_at, data)
         VALUES (?, 'ACME', ?, 'order.created', ?, '2020-01-01T00:00:00.000Z', '{}')`,
      );
      db.transaction(() => {
        for (let i = 1; i <= many; i += 1)
          insert.run(`0190a000-0000-7000-8000-${String(i).padStart(12, "0")}`, i, `O-${i}`);
      })();
    } finally {
      db.close();
    }
    const deletedCounts: number[] = [];
    const retention = createEventRetention({
      store: t.store,
      retentionDays: 30,
      now: () => new Date(),
      log: silent,
      onDeleted: (count) => deletedCounts.push(count),
    });
    assert.equal(await retention.sweepOnce(), many);
    assert.deepEqual(deletedCounts, [many]);
    assert.deepEqual(await t.store.listEvents({ trkref: "ACME", limit: 10 }), []);
  });
});

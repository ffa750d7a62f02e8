import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import { guardStore } from "../../src/storage/guard-store.js";
import { openStore } from "../../src/storage/open-store.js";
import { openSqliteDatabase } from "../../src/storage/sqlite/sqlite-connection.js";
import { classifySqliteError } from "../../src/storage/sqlite/sqlite-errors.js";
import { createSqliteStore } from "../../src/storage/sqlite/sqlite-store.js";
import { type NewSubmission, type Store, StoreUnavailableError } from "../../src/storage/store.js";
import { canMountFilesystem, mountSmallFilesystem } from "../helpers/small-filesystem.js";
import { createTempDir } from "../helpers/test-app.js";

/** A fresh temp dir for one test, removed when the test ends. */
function tempDatabasePath(t: { after(fn: () => void): void }): string {
  const dir = createTempDir("order-intake-sqlite-");
  t.after(dir.remove);
  return join(dir.path, "orders.db");
}

const order = (orderRef: string): NormalisedOrder => ({
  trkref: "ACME",
  order_ref: orderRef,
  order_date: "2021-09-25",
  customer: { email: "jane@example.com", country: "GB" },
  order_items: [{ sku: "SKU-1", price: "55.99", currency: "GBP" }],
});

const submission = (orderRef: string, n: number): NewSubmission => ({
  id: `01900000-0000-7000-8000-${String(n).padStart(12, "0")}`,
  keyId: "oik_test",
  order: order(orderRef),
  raw: JSON.stringify(order(orderRef)),
  acceptedAt: new Date().toISOString(),
});

describe("SQLite connection settings", () => {
  it("opens a new file in WAL mode with synchronous=FULL and foreign keys enforced", (t) => {
    const db = openSqliteDatabase(tempDatabasePath(t));
    t.after(() => db.close());

    assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
    assert.equal(db.pragma("synchronous", { simple: true }), 2);
    assert.equal(db.pragma("foreign_keys", { simple: true }), 1);
  });
});

describe("SQLite processing of a corrupted stored document", () => {
  it("fails that submission with a reason and processes the others of the same batch", async (t) => {
    const path = tempDatabasePath(t);
    const store = await openStore(path);
    t.after(() => store.close());
    await store.createOrganisation({ trkref: "ACME", name: "Acme", enabled: true });
    const [first, corrupted, last] = [submission("C-1", 1), submission("C-2", 2), submission("C-3", 3)];
    assert.ok(first && corrupted && last);
    await store.commitIntake([{ submissions: [first, corrupted, last] }]);

    const other = new Database(path);
    try {
      const changed = other
        .prepare("UPDATE submissions SET document = 'not json' WHERE id = ?")
        .run(corrupted.id).changes;
      assert.equal(changed, 1);
    } finally {
      other.close();
    }

    assert.equal((await store.processPendingSubmissions(10)).taken, 3);

    const failed = await store.findSubmission(corrupted.id);
    assert.equal(failed?.status, "failed");
    assert.match(String(failed?.failureReason), /JSON/, "the reason says the document is not JSON");
    assert.ok(failed?.processedAt);
    for (const done of [first, last]) {
      const record = await store.findSubmission(done.id);
      assert.equal(record?.status, "processed", done.order.order_ref);
      assert.equal(record?.outcome, "created");
      assert.equal((await store.findOrder("ACME", done.order.order_ref))?.lastSubmissionId, done.id);
    }
    assert.equal(await store.findOrder("ACME", "C-2"), undefined);
    assert.equal(await store.countPendingSubmissions(), 0);
  });
});

describe("guardStore on SQLite", () => {
  it("turns the error of a closed store into StoreUnavailableError", async (t) => {
    const store = await openStore(tempDatabasePath(t));
    await store.close();

    await assert.rejects(store.findOrganisation("ACME"), StoreUnavailableError);
    await assert.rejects(
      store.commitIntake([{ submissions: [submission("X-1", 10)] }]),
      StoreUnavailableError,
    );
  });

  it("lets a defect (a plain TypeError) through as it is", async (t) => {
    const adapter = createSqliteStore(tempDatabasePath(t));
    t.after(() => adapter.close());
    const defect = new TypeError("bug");
    const store = guardStore(
      {
        ...adapter,
        findOrder: async () => {
          throw defect;
        },
      },
      classifySqliteError,
    );

    await assert.rejects(store.findOrder("ACME", "X-1"), (error: unknown) => {
      assert.equal(error, defect);
      assert.ok(!(error instanceof StoreUnavailableError));
      return true;
    });
    assert.equal(await store.findOrganisation("ACME"), undefined, "the other methods still work");
  });

  it("turns a driver error into StoreUnavailableError with the driver's error as cause", async (t) => {
    const adapter = createSqliteStore(tempDatabasePath(t));
    t.after(() => adapter.close());
    const driverError = new Database.SqliteError("disk I/O error", "SQLITE_IOERR");
    const store = guardStore(
      {
        ...adapter,
        commitIntake: async () => {
          throw driverError;
        },
      },
      classifySqliteError,
    );

    await assert.rejects(store.commitIntake([]), (error: unknown) => {
      assert.ok(error instanceof StoreUnavailableError, String(error));
      assert.equal(error.cause, driverError);
      return true;
    });
  });
});

describe("errors from the SQLite store's thread", {
  skip: !canMountFilesystem() && "needs to mount a tmpfs",
}, () => {
  it("arrive with the driver's code and the thread's stack as the cause of StoreUnavailableError", async (t) => {
    const disk = mountSmallFilesystem("8m");
    let store: Store | undefined;
    t.after(async () => {
      await store?.close();
      disk.dispose();
    });
    store = await openStore(join(disk.dir, "orders.db"));
    disk.fill();

    await assert.rejects(store.commitIntake([{ submissions: [submission("X-1", 20)] }]), (error: unknown) => {
      assert.ok(error instanceof StoreUnavailableError, String(error));
      const cause = error.cause as { code?: unknown; stack?: unknown };
      assert.equal(cause.code, "SQLITE_FULL");
      assert.match(String(cause.stack), /sqlite-store/, "where it was raised, on the store's thread");
      return true;
    });
  });
});

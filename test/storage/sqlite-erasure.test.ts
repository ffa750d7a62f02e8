import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { customerHasherOfKey } from "../../src/domain/customer-privacy.js";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import { newRecordId } from "../../src/domain/record-id.js";
import { openStore } from "../../src/storage/open-store.js";
import { createEventQueries } from "../../src/storage/sqlite/events-sql.js";
import { migrateSqlite } from "../../src/storage/sqlite/migrate.js";
import { openSqliteDatabase } from "../../src/storage/sqlite/sqlite-connection.js";
import { createSqliteErasure } from "../../src/storage/sqlite/sqlite-erasure.js";
import { createTempDir } from "../helpers/test-app.js";

function tempDatabasePath(t: { after(fn: () => void): void }): string {
  const dir = createTempDir("order-intake-erasure-");
  t.after(dir.remove);
  return join(dir.path, "orders.db");
}

describe("SQLite erasure transactions", () => {
  it("run with secure_delete on, and give the connection its own setting back after a commit or a rollback", async (t) => {
    const db = openSqliteDatabase(tempDatabasePath(t));
    t.after(() => db.close());
    migrateSqlite(db);
    const erasure = createSqliteErasure(db, createEventQueries(db));
    const secureDelete = () => db.pragma("secure_delete", { simple: true });

    db.pragma("secure_delete = FAST");
    assert.equal(await erasure.inTransaction(async () => secureDelete()), 1);
    assert.equal(secureDelete(), 2, "FAST again");
    assert.equal(db.inTransaction, false);

    db.pragma("secure_delete = OFF");
    await assert.rejects(
      erasure.inTransaction(async () => {
        assert.equal(secureDelete(), 1);
        throw new Error("stop");
      }),
      /stop/,
    );
    assert.equal(secureDelete(), 0, "OFF again");
    assert.equal(db.inTransaction, false, "rolled back");
  });

  it("leaves none of the customer's data in the file once the WAL is checkpointed", async (t) => {
    const path = tempDatabasePath(t);
    const store = await openStore(path);
    t.after(() => store.close());
    await store.createOrganisation({ trkref: "ACME", name: "Acme", enabled: true });
    const hasher = customerHasherOfKey(await store.customerHashKey());
    const email = "zq-unforgettable@example.com";
    const order: NormalisedOrder = {
      trkref: "ACME",
      order_ref: "S-1",
      customer: { email, first_name: "Quillon", surname: "Zebadiah" },
      order_items: [{ sku: "SKU-1", metadata: { note: "Quillon's gift" } }],
    };
    await store.commitIntake([
      {
        submissions: [
          {
            id: newRecordId(),
            keyId: "oik_test",
            order,
            raw: JSON.stringify(order),
            acceptedAt: new Date().toISOString(),
            customerHash: hasher.email("ACME", email),
          },
        ],
      },
    ]);
    await store.processPendingSubmissions(10);
    const id = newRecordId();
    await store.createErasureRequest({
      id,
      trkref: "ACME",
      subjects: [{ kind: "email", hash: hasher.email("ACME", email) }],
      requestedBy: "operator",
      requestedAt: new Date().toISOString(),
    });
    assert.equal((await store.runErasure(id, new Date().toISOString()))?.counts?.orders, 1);

    const other = new Database(path);
    try {
      other.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      other.close();
    }
    const files = [path, `${path}-wal`].filter((file) => existsSync(file));
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const text of [email, "Quillon", "Zebadiah"]) {
        assert.equal(
          bytes.includes(text),
          false,
          `${text} in ${file.endsWith("-wal") ? "the WAL" : "the file"}`,
        );
      }
    }
  });
});

import { join } from "node:path";
import Database from "better-sqlite3";
import { createEventQueries } from "../../src/storage/sqlite/events-sql.js";
import { createGuardedSqliteStore } from "../../src/storage/sqlite/guarded-sqlite-store.js";
import { createOrderQueries } from "../../src/storage/sqlite/orders-sql.js";
import { openSqliteDatabase } from "../../src/storage/sqlite/sqlite-connection.js";
import { createSqliteProcessing } from "../../src/storage/sqlite/sqlite-processing.js";
import { createSubmissionQueries } from "../../src/storage/sqlite/submissions-sql.js";
import { createTempDir } from "../helpers/test-app.js";
import { runStoreContract } from "./store-contract.js";

runStoreContract("sqlite", async () => {
  const dir = createTempDir();
  const path = join(dir.path, "contract.db");
  // In this thread, for a fixture that opens in milliseconds: the store is the one its thread runs (the
  // thread itself, a transport derived from the Store type, is tested in sqlite-specific.test.ts).
  const store = createGuardedSqliteStore(path);
  const exec = async (sql: string) => {
    const admin = new Database(path);
    try {
      admin.exec(sql);
    } finally {
      admin.close();
    }
  };
  return {
    store,
    openAnother: async () => createGuardedSqliteStore(path),
    async refuseOrdersNamed(orderRef) {
      const name = orderRef.replace(/\W/g, "_");
      const literal = orderRef.replaceAll("'", "''");
      await exec(`CREATE TRIGGER refuse_${name} BEFORE INSERT ON orders WHEN NEW.order_ref = '${literal}'
        BEGIN SELECT RAISE(ABORT, 'poisoned order'); END`);
    },
    exec,
    async query(sql) {
      const reader = new Database(path, { readonly: true });
      try {
        return reader.prepare(sql).all() as Record<string, unknown>[];
      } finally {
        reader.close();
      }
    },
    async openProcessing() {
      const db = openSqliteDatabase(path);
      const database = createSqliteProcessing(
        db,
        createSubmissionQueries(db),
        createOrderQueries(db),
        createEventQueries(db),
      );
      return {
        database,
        close: async () => {
          db.close();
        },
      };
    },
    dispose: async () => {
      await store.close();
      dir.remove();
    },
  };
});

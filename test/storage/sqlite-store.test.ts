import { join } from "node:path";
import Database from "better-sqlite3";
import { openStore } from "../../src/storage/open-store.js";
import { createTempDir } from "../helpers/test-app.js";
import { runStoreContract } from "./store-contract.js";

runStoreContract("sqlite", async () => {
  const dir = createTempDir();
  const path = join(dir.path, "contract.db");
  const store = await openStore(path);
  return {
    store,
    openAnother: () => openStore(path),
    async refuseOrdersNamed(orderRef) {
      const admin = new Database(path);
      const name = orderRef.replace(/\W/g, "_");
      const literal = orderRef.replaceAll("'", "''");
      try {
        admin.exec(`CREATE TRIGGER refuse_${name} BEFORE INSERT ON orders WHEN NEW.order_ref = '${literal}'
          BEGIN SELECT RAISE(ABORT, 'poisoned order'); END`);
      } finally {
        admin.close();
      }
    },
    dispose: async () => {
      await store.close();
      dir.remove();
    },
  };
});

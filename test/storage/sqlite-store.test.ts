import { join } from "node:path";
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
    dispose: async () => {
      await store.close();
      dir.remove();
    },
  };
});

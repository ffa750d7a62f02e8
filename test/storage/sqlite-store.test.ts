import { join } from "node:path";
import { openStore } from "../../src/storage/open-store.js";
import { createTempDir } from "../helpers/test-app.js";
import { runStoreContract } from "./store-contract.js";

runStoreContract("sqlite", async () => {
  const dir = createTempDir();
  const store = await openStore(join(dir.path, "contract.db"));
  return {
    store,
    dispose: async () => {
      await store.close();
      dir.remove();
    },
  };
});

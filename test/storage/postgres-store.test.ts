import { openStore } from "../../src/storage/open-store.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";
import { runStoreContract } from "./store-contract.js";

await withPostgres(() =>
  runStoreContract("postgres", async () => {
    const schema = createTestSchema("contract");
    const store = await openStore(schema.url, { poolSize: 4 });
    return {
      store,
      openAnother: () => openStore(schema.url, { poolSize: 2 }),
      dispose: async () => {
        await store.close();
        await schema.drop();
      },
    };
  }),
);

import pg from "pg";
import { openStore } from "../../src/storage/open-store.js";
import { createTestSchema, POSTGRES_TEST_URL, withPostgres } from "../helpers/postgres.js";
import { runStoreContract } from "./store-contract.js";

await withPostgres(() =>
  runStoreContract("postgres", async () => {
    const schema = createTestSchema("contract");
    const store = await openStore(schema.url, { poolSize: 4 });
    return {
      store,
      openAnother: () => openStore(schema.url, { poolSize: 2 }),
      async refuseOrdersNamed(orderRef) {
        const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL });
        await admin.connect();
        const name = `refuse_${orderRef.replace(/\W/g, "_").toLowerCase()}`;
        const literal = orderRef.replaceAll("'", "''");
        try {
          // A check violation (class 23), as the database would raise for data it cannot keep.
          await admin.query(`CREATE FUNCTION ${schema.schema}.${name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.order_ref = '${literal}' THEN
              RAISE EXCEPTION 'poisoned order' USING ERRCODE = '23514'; END IF;
            RETURN NEW; END $$`);
          await admin.query(`CREATE TRIGGER ${name} BEFORE INSERT ON ${schema.schema}.orders
            FOR EACH ROW EXECUTE FUNCTION ${schema.schema}.${name}()`);
        } finally {
          await admin.end();
        }
      },
      dispose: async () => {
        await store.close();
        await schema.drop();
      },
    };
  }),
);

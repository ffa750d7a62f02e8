import { openStore } from "../../src/storage/open-store.js";
import { createPostgresPool } from "../../src/storage/postgres/postgres-pool.js";
import { createPostgresProcessing } from "../../src/storage/postgres/postgres-processing.js";
import { asPostgresAdmin, createTestSchema, withPostgres } from "../helpers/postgres.js";
import { runStoreContract } from "./store-contract.js";

await withPostgres(() =>
  runStoreContract("postgres", async () => {
    const schema = createTestSchema("contract");
    const store = await openStore(schema.url, { poolSize: 4 });
    const inSchema = (sql: string) =>
      asPostgresAdmin(async (admin) => {
        await admin.query(`SET search_path TO ${schema.schema}`);
        await admin.query(sql);
      });
    return {
      store,
      openAnother: () => openStore(schema.url, { poolSize: 2 }),
      async refuseOrdersNamed(orderRef) {
        const name = `refuse_${orderRef.replace(/\W/g, "_").toLowerCase()}`;
        const literal = orderRef.replaceAll("'", "''");
        // A check violation (class 23), as the database would raise for data it cannot keep.
        await inSchema(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.order_ref = '${literal}' THEN
            RAISE EXCEPTION 'poisoned order' USING ERRCODE = '23514'; END IF;
          RETURN NEW; END $$`);
        await inSchema(
          `CREATE TRIGGER ${name} BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION ${name}()`,
        );
      },
      exec: inSchema,
      query: (sql) =>
        asPostgresAdmin(async (admin) => {
          await admin.query(`SET search_path TO ${schema.schema}`);
          return (await admin.query(sql)).rows;
        }),
      async openProcessing() {
        const { pool } = createPostgresPool(schema.url, { maxConnections: 2, timeoutMs: 5000 });
        return { database: createPostgresProcessing(pool), close: () => pool.end() };
      },
      dispose: async () => {
        await store.close();
        await schema.drop();
      },
    };
  }),
);

import { seedOrganisation } from "../helpers/cluster.js";
import { createTestSchema } from "../helpers/postgres.js";
import { createSeededDatabase } from "../helpers/server-process.js";

/** The stores a crash-cycle run can use. */
export type CrashStore = "sqlite" | "postgres";

/** A fresh database with an enabled organisation and a key for it; `remove()` deletes it all. */
export interface CrashDatabase {
  store: CrashStore;
  databaseUrl: string;
  trkref: string;
  authorization: string;
  remove(): Promise<void>;
}

/** SQLite: a file in a temp dir. PostgreSQL: a schema of its own on the test server (see postgres.ts). */
export async function createCrashDatabase(store: CrashStore): Promise<CrashDatabase> {
  if (store === "sqlite") {
    const seeded = await createSeededDatabase("CRASH");
    return {
      store,
      databaseUrl: seeded.dbPath,
      trkref: seeded.trkref,
      authorization: seeded.authorization,
      remove: async () => seeded.remove(),
    };
  }
  const schema = createTestSchema("crash");
  try {
    const seeded = await seedOrganisation(schema.url, "CRASH");
    return { store, databaseUrl: schema.url, ...seeded, remove: () => schema.drop() };
  } catch (error) {
    await schema.drop().catch(() => {});
    throw error;
  }
}

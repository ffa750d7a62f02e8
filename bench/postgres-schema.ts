import pg from "pg";

/** A schema on the benchmark's PostgreSQL server that a target may use, and how to drop it afterwards. */
export interface PostgresSchema {
  url: string;
  drop: () => Promise<void>;
}

/** A fresh schema named `<prefix>_<time>` on the PostgreSQL server, if one answers at `BENCH_POSTGRES_URL`. */
export async function freshPostgresSchema(prefix: string): Promise<PostgresSchema | undefined> {
  const base = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    process.stderr.write(`PostgreSQL not reachable at ${base}: measuring SQLite only\n`);
    return undefined;
  }
  const schema = `${prefix}_${Date.now()}`;
  await client.end();
  return {
    url: `${base}${base.includes("?") ? "&" : "?"}schema=${schema}`,
    drop: async () => {
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

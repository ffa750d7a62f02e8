import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Probe, withRequiredService } from "./required-service.js";

/** The server the PostgreSQL tests use; each test file works in a schema of its own. */
export const POSTGRES_TEST_URL = process.env.POSTGRES_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Whether the test server answers; asked once per test file, with a short timeout. */
export async function probePostgres(): Promise<Probe> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { available: true };
  } catch (error) {
    return {
      available: false,
      reason: `PostgreSQL not reachable at ${POSTGRES_TEST_URL}: ${(error as Error).message}`,
    };
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh schema on the test server, as a DATABASE_URL; `drop()` removes it and everything in it. */
export function createTestSchema(label: string) {
  const schema = `t_${label}_${randomBytes(5).toString("hex")}`;
  const url = `${POSTGRES_TEST_URL}${POSTGRES_TEST_URL.includes("?") ? "&" : "?"}schema=${schema}`;
  return {
    schema,
    url,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs `work` with a connection of its own to the test server, as an operator would, and closes it. */
export async function asPostgresAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database on the test server, for a test that acts on a whole database (locks it out, ends its
 * connections) without touching other files' schemas; `url` is its DATABASE_URL.
 */
export function createTestDatabase(label: string) {
  const name = `t_${label}_${randomBytes(5).toString("hex")}`;
  const url = new URL(POSTGRES_TEST_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    create: () => asPostgresAdmin((admin) => admin.query(`CREATE DATABASE ${name}`)),
    drop: () => asPostgresAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/** Runs `define` when the PostgreSQL server answers; see `withRequiredService`. */
export const withPostgres = (define: () => void) =>
  withRequiredService("PostgreSQL", "REQUIRE_POSTGRES", probePostgres, define);

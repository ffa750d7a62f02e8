import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { exampleOrder } from "../../src/domain/order-example.js";
import { killCluster, seedOrganisation, startServe } from "../helpers/cluster.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";
import { createTempDir } from "../helpers/test-app.js";

const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
// Far longer than the test: a key that stops working did so because the cache was told, not because it expired.
const LONG_CACHE = { LOOKUP_CACHE_TTL_MS: "600000" };
const WAIT_FOR_401_MS = 3_000;

async function revokeWithCli(databaseUrl: string, keyId: string) {
  await promisify(execFile)(process.execPath, [CLI, "key", "revoke", keyId], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    timeout: 20_000,
  });
}

async function postOrder(url: string, authorization: string): Promise<number> {
  const response = await fetch(`${url}/v4/organisations/ACME/customer_order`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: JSON.stringify(exampleOrder("ACME")),
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Polls (bounded) until the server answers 401 for the key; returns the statuses seen. */
async function statusesUntilRefused(url: string, authorization: string): Promise<number[]> {
  const seen: number[] = [];
  const deadline = Date.now() + WAIT_FOR_401_MS;
  while (Date.now() < deadline) {
    const status = await postOrder(url, authorization);
    seen.push(status);
    if (status === 401) break;
    await sleep(20);
  }
  return seen;
}

describe("a key revoked from the CLI", () => {
  after(() => killCluster());

  it("stops working on a running SQLite server at once, although its cache would keep it for minutes", async () => {
    const dir = createTempDir("order-intake-revoke-");
    try {
      const databaseUrl = join(dir.path, "orders.db");
      const seeded = await seedOrganisation(databaseUrl);
      const server = await startServe(databaseUrl, LONG_CACHE);
      assert.equal(await postOrder(server.url, seeded.authorization), 202);
      await revokeWithCli(databaseUrl, seeded.keyId);
      const seen = await statusesUntilRefused(server.url, seeded.authorization);
      assert.equal(seen.at(-1), 401, `statuses after the revocation: ${seen.join(", ")}`);
      server.kill("SIGTERM");
      await server.waitForExit();
    } finally {
      dir.remove();
    }
  });

  describe("on PostgreSQL", async () => {
    await withPostgres(() => {
      it("stops working on every instance at once", async () => {
        const schema = createTestSchema("revoke");
        try {
          const seeded = await seedOrganisation(schema.url);
          const servers = await Promise.all([
            startServe(schema.url, LONG_CACHE),
            startServe(schema.url, LONG_CACHE),
          ]);
          for (const server of servers) assert.equal(await postOrder(server.url, seeded.authorization), 202);
          await revokeWithCli(schema.url, seeded.keyId);
          for (const server of servers) {
            const seen = await statusesUntilRefused(server.url, seeded.authorization);
            assert.equal(seen.at(-1), 401, `statuses after the revocation: ${seen.join(", ")}`);
          }
          for (const server of servers) server.kill("SIGTERM");
          await Promise.all(servers.map((server) => server.waitForExit()));
        } finally {
          await killCluster();
          await schema.drop();
        }
      });
    });
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { openStore } from "../../src/storage/open-store.js";
import type { AccessChange, Store } from "../../src/storage/store.js";
import { eventually } from "../helpers/eventually.js";
import { createTestSchema, POSTGRES_TEST_URL, withPostgres } from "../helpers/postgres.js";

await withPostgres(() => {
  describe("PostgreSQL change reports after the listening connection is lost", () => {
    const schema = createTestSchema("listen");
    let watched: Store;
    let other: Store;
    const changes: AccessChange[] = [];
    before(async () => {
      watched = await openStore(schema.url, { poolSize: 2 });
      other = await openStore(schema.url, { poolSize: 2 });
      await other.createOrganisation({ trkref: "ACME", name: "Acme", enabled: true });
      await other.createApiKey({ id: "k-listen", secretHash: "ef".repeat(32), trkrefs: ["ACME"] });
    });
    after(async () => {
      await watched.close();
      await other.close();
      await schema.drop();
    });

    it("reports that anything may have changed, listens again, and reports later changes", async () => {
      const startedAt = new Date();
      await watched.watchAccessChanges((change) => changes.push(change));
      const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL });
      await admin.connect();
      try {
        // The listening connection this store just opened (another file's, killed too, would only listen again).
        const { rowCount } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE query LIKE 'LISTEN order_intake_access%' AND backend_start >= $1`,
          [startedAt],
        );
        assert.ok((rowCount ?? 0) >= 1, "the listening connection was found");
      } finally {
        await admin.end();
      }
      assert.ok(
        await eventually(() => changes.some((change) => "unknown" in change), 10_000),
        `a lost connection is reported as possibly anything: ${JSON.stringify(changes)}`,
      );

      // Listening again takes a second; a revocation then still arrives, named.
      const seenBefore = changes.length;
      const revokedSeen = () =>
        changes.slice(seenBefore).some((change) => "apiKey" in change && change.apiKey === "k-listen");
      for (let attempt = 0; attempt < 20 && !revokedSeen(); attempt++) {
        await other.revokeApiKey("k-listen");
        await eventually(revokedSeen, 500);
      }
      assert.ok(revokedSeen(), `the revocation arrived after reconnecting: ${JSON.stringify(changes)}`);
    });
  });
});

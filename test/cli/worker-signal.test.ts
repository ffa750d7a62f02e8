import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { killCluster, startWorker } from "../helpers/cluster.js";
import { createSeededDatabase } from "../helpers/server-process.js";

describe("order-intake worker on SIGTERM", () => {
  after(() => killCluster());

  it("says it finishes the batch being applied, not requests it never serves, and exits 0", async () => {
    const database = await createSeededDatabase();
    try {
      const worker = await startWorker(database.dbPath);
      worker.kill("SIGTERM");
      assert.deepEqual(await worker.waitForExit(), { code: 0, signal: null });
      assert.match(worker.stderr(), /SIGTERM received: finishing the batch being applied/);
      assert.doesNotMatch(worker.stderr(), /in-flight requests/);
    } finally {
      database.remove();
    }
  });
});

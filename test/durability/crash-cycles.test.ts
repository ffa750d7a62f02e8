import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { withPostgres } from "../helpers/postgres.js";
import { killAllServers } from "../helpers/server-process.js";
import { runCrashCycles } from "./crash-cycles.js";
import { type CrashDatabase, type CrashStore, createCrashDatabase } from "./crash-database.js";
import { describeCrashReport } from "./crash-report.js";

/** A short run: `npm run crashtest` runs the long one. */
const CYCLES = 3;
const SHORT_RUN = {
  cycles: CYCLES,
  maxDurationMs: 30_000,
  clients: 8,
  maxAcknowledgedBeforeKill: 150,
  maxKillDelayMs: 800,
  processingTimeoutMs: 20_000,
};

function defineCrashCycles(store: CrashStore) {
  describe(`a server killed with SIGKILL again and again (${store})`, () => {
    let database: CrashDatabase | undefined;
    after(async () => {
      await killAllServers();
      await database?.remove();
    });

    it("has stored and processed every order it acknowledged, each once", async (t) => {
      database = await createCrashDatabase(store);
      // A new seed each run, printed, so that a failing run's choices can be made again.
      const seed = Math.floor(Math.random() * 2 ** 31) + 1;
      const report = await runCrashCycles({
        databaseUrl: database.databaseUrl,
        authorization: database.authorization,
        trkref: database.trkref,
        seed,
        ...SHORT_RUN,
      });
      for (const line of describeCrashReport(store, report)) t.diagnostic(line);

      assert.equal(report.cyclesRun, CYCLES, "every cycle ran within the time bound");
      assert.deepEqual(
        report.serverProblems,
        [],
        "each server ended by its kill, the last by SIGTERM with 0",
      );
      assert.ok(report.acknowledged > 0, "orders were acknowledged between the kills");
      assert.deepEqual(report.repeatedIds, [], "no id was acknowledged twice");
      assert.deepEqual(report.unexpected, [], "every answer was a 202 (or a 503 refusal)");
      assert.equal(report.pendingAtEnd, 0, "everything was processed after the last restart");
      assert.deepEqual(report.missing, [], "every acknowledged id is stored under its order ref");
      assert.equal(report.found, report.acknowledged);
      assert.deepEqual(report.unprocessed, [], "every acknowledged id is processed");
      assert.equal(report.processed, report.acknowledged);
      assert.deepEqual(report.orderProblems, [], "each order lists each submission once, created once");
    });
  });
}

defineCrashCycles("sqlite");
await withPostgres(() => defineCrashCycles("postgres"));

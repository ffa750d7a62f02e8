import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { killCluster } from "../helpers/cluster.js";
import { withPostgres } from "../helpers/postgres.js";
import type { CrashStore } from "./crash-database.js";
import { describeWebhookKillReport, runWebhookKills, webhookKillTimeoutMs } from "./webhook-kill-cycles.js";

/** Kills per store; WEBHOOK_KILL_CYCLES raises them for a longer run (`npm run crashtest` runs 20). */
const KILLS = Number(process.env.WEBHOOK_KILL_CYCLES ?? 4);
/** Orders per kill, each with 2 to 4 changes. */
const ORDERS_PER_KILL = 5;

assert.ok(Number.isInteger(KILLS) && KILLS > 0, "WEBHOOK_KILL_CYCLES must be a positive integer");

async function assertSurvivesKills(store: CrashStore, t: { diagnostic(message: string): void }) {
  const lines: string[] = [];
  const report = await runWebhookKills({
    store,
    kills: KILLS,
    ordersPerKill: ORDERS_PER_KILL,
    timeoutMs: webhookKillTimeoutMs(KILLS),
    log: (line) => lines.push(line),
  });
  const described = describeWebhookKillReport(report);
  t.diagnostic(
    described
      .slice(0, 2)
      .map((line) => line.trim())
      .join("; "),
  );
  const context = [...described, ...lines].join("\n");
  for (const [kind, found] of report.problems) assert.deepEqual(found, [], `${kind}\n${context}`);
  assert.equal(report.kills.length, KILLS, context);
  assert.ok(report.arrivals > report.events, `some events were sent again after the kills\n${context}`);
}

describe("webhook delivery on SQLite through SIGKILLs between sending and recording", () => {
  after(killCluster);

  it("with serve killed and restarted: every event arrives, signed, with its id, in order per order", async (t) => {
    await assertSurvivesKills("sqlite", t);
  });
});

await withPostgres(() =>
  describe("webhook delivery on PostgreSQL through SIGKILLs between sending and recording", () => {
    after(killCluster);

    it("with one of two workers killed at a time: every event arrives, signed, with its id, in order per order", async (t) => {
      await assertSurvivesKills("postgres", t);
    });
  }),
);

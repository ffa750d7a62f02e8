import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { probeReadiness, type Readiness, watchReadiness } from "../helpers/readiness-probe.js";
import {
  createSeededDatabase,
  getSubmission,
  killAllServers,
  startServer,
  submitOrders,
} from "../helpers/server-process.js";

const ORDERS = 200;
const CLIENTS = 50;
const SIGNAL_AFTER_ACCEPTED = 50;

const isRefused = (answer: Readiness) => "refused" in answer;
const statusOf = (answer: Readiness) => ("status" in answer ? answer.status : undefined);

describe("a server stopped with SIGTERM", () => {
  const cleanups: (() => void)[] = [];
  after(async () => {
    await killAllServers();
    for (const cleanup of cleanups) cleanup();
  });

  it("turns readiness false before it closes, answers every request it took with 202, keeps them, exits 0", async (t) => {
    const seeded = await createSeededDatabase();
    cleanups.push(seeded.remove);
    const first = await startServer(seeded.dbPath);
    assert.deepEqual(await probeReadiness(first.url), { status: 200 }, "ready before the signal");

    let signalledAt: number | undefined;
    let readiness: Promise<Readiness[]> | undefined;
    const { outcomes, ledger } = await submitOrders({
      url: first.url,
      authorization: seeded.authorization,
      trkref: seeded.trkref,
      count: ORDERS,
      concurrency: CLIENTS,
      onAccepted: (acceptedSoFar) => {
        if (signalledAt !== undefined || acceptedSoFar < SIGNAL_AFTER_ACCEPTED) return;
        signalledAt = performance.now();
        first.kill("SIGTERM");
        // A load balancer's health check, from the signal on: it must see 503 while it can still connect.
        readiness = watchReadiness(first.url);
      },
    });
    assert.ok(signalledAt !== undefined && readiness, "SIGTERM was sent while orders were arriving");
    const exit = await first.waitForExit();
    assert.deepEqual(exit, { code: 0, signal: null }, `exit after SIGTERM; stderr: ${first.stderr()}`);

    const seen = await readiness;
    const firstNotReady = seen.findIndex((answer) => statusOf(answer) === 503);
    const closedAt = seen.findIndex(isRefused);
    const sequence = JSON.stringify(seen);
    assert.ok(closedAt >= 0, `the listener closed: ${sequence}`);
    assert.ok(
      firstNotReady >= 0 && firstNotReady < closedAt,
      `/readyz answered 503 before connections were refused: ${sequence}`,
    );
    assert.deepEqual(
      seen.slice(firstNotReady).filter((answer) => statusOf(answer) === 200),
      [],
      "once not ready, never ready again",
    );
    for (const answer of seen.filter((answer) => statusOf(answer) === 503)) {
      assert.equal("code" in answer && answer.code, "not_ready", sequence);
    }

    // Requests sent before the signal were in flight or about to be: each gets its answer, none loses its
    // connection. Requests sent later may find the listener closed, but none that got in is refused.
    const sentBefore = outcomes.filter((outcome) => outcome.sentAt < (signalledAt as number));
    assert.deepEqual(
      sentBefore.filter((outcome) => "error" in outcome),
      [],
      "every request sent before the signal was answered",
    );
    const answers = outcomes.filter((outcome) => "status" in outcome);
    assert.deepEqual(
      answers.filter((outcome) => outcome.status !== 202),
      [],
      "every answer was a 202: no 5xx while shutting down",
    );
    t.diagnostic(
      `acknowledged ${ledger.length}, ` +
        `connection lost ${outcomes.length - answers.length}; /readyz answered 503 ` +
        `${seen.filter((answer) => statusOf(answer) === 503).length} times before the listener closed`,
    );
    assert.ok(ledger.length >= SIGNAL_AFTER_ACCEPTED);

    const second = await startServer(seeded.dbPath);
    const found = await Promise.all(ledger.map((id) => getSubmission(second.url, seeded.authorization, id)));
    const missing = ledger.filter((id, index) => found[index]?.httpStatus !== 200 || found[index]?.id !== id);
    assert.deepEqual(missing, [], "every acknowledged submission is stored");
    second.kill("SIGTERM");
    assert.equal((await second.waitForExit()).code, 0);
  });
});

import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
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

describe("a server stopped with SIGTERM", () => {
  const cleanups: (() => void)[] = [];
  after(async () => {
    await killAllServers();
    for (const cleanup of cleanups) cleanup();
  });

  it("answers what it took, keeps every 202, and exits 0", async () => {
    const seeded = await createSeededDatabase();
    cleanups.push(seeded.remove);
    const first = await startServer(seeded.dbPath);

    let signalled = false;
    const { outcomes, ledger } = await submitOrders({
      url: first.url,
      authorization: seeded.authorization,
      trkref: seeded.trkref,
      count: ORDERS,
      concurrency: CLIENTS,
      onAccepted: (acceptedSoFar) => {
        if (signalled || acceptedSoFar < SIGNAL_AFTER_ACCEPTED) return;
        signalled = true;
        first.kill("SIGTERM");
      },
    });
    assert.ok(signalled, "SIGTERM was sent while orders were arriving");
    const exit = await first.waitForExit();
    assert.deepEqual(exit, { code: 0, signal: null }, `exit after SIGTERM; stderr: ${first.stderr()}`);

    // A request that arrives once the close has begun may be refused with 503 or lose its connection;
    // no request may fail with any other 5xx.
    const statuses = outcomes.flatMap((outcome) => ("status" in outcome ? [outcome.status] : []));
    assert.deepEqual(
      statuses.filter((status) => status !== 202 && status !== 503),
      [],
      "every answer was a 202 or a 503",
    );
    const refusals = outcomes.filter((outcome) => "status" in outcome && outcome.status === 503);
    for (const refusal of refusals) {
      assert.match(String("contentType" in refusal && refusal.contentType), /^application\/problem\+json/);
    }
    assert.ok(ledger.length >= SIGNAL_AFTER_ACCEPTED);
    assert.ok(ledger.length < ORDERS, "orders that arrived after the close began were not taken");

    const second = await startServer(seeded.dbPath);
    const found = await Promise.all(ledger.map((id) => getSubmission(second.url, seeded.authorization, id)));
    const missing = ledger.filter((id, index) => found[index]?.httpStatus !== 200 || found[index]?.id !== id);
    assert.deepEqual(missing, [], "every acknowledged submission is stored");
    second.kill("SIGTERM");
    assert.equal((await second.waitForExit()).code, 0);
  });
});

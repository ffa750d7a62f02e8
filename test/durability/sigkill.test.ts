import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import {
  createSeededDatabase,
  getSubmission,
  killAllServers,
  startServer,
  submitOrders,
  waitUntilProcessed,
} from "../helpers/server-process.js";

const ORDERS = 300;
// Fewer clients than orders, so that the kill lands while orders are still arriving.
const CLIENTS = 60;
const KILL_AFTER_ACCEPTED = 150;
const MIN_LEDGER = 100;

describe("a server killed with SIGKILL", () => {
  const cleanups: (() => void)[] = [];
  after(async () => {
    await killAllServers();
    for (const cleanup of cleanups) cleanup();
  });

  it("loses none of the orders it answered 202 for", async () => {
    const seeded = await createSeededDatabase();
    cleanups.push(seeded.remove);
    const first = await startServer(seeded.dbPath);

    let killed = false;
    const { outcomes, ledger } = await submitOrders({
      url: first.url,
      authorization: seeded.authorization,
      trkref: seeded.trkref,
      count: ORDERS,
      concurrency: CLIENTS,
      onAccepted: (acceptedSoFar) => {
        if (killed || acceptedSoFar < KILL_AFTER_ACCEPTED) return;
        killed = true;
        first.kill("SIGKILL");
      },
    });
    if (!killed) first.kill("SIGKILL");
    assert.equal((await first.waitForExit()).signal, "SIGKILL");
    assert.ok(ledger.length >= MIN_LEDGER, `only ${ledger.length} orders were acknowledged before the kill`);
    assert.ok(ledger.length < ORDERS, "the kill came before every order was answered");
    const answeredOtherwise = outcomes.filter((outcome) => "status" in outcome && outcome.status !== 202);
    assert.deepEqual(answeredOtherwise, [], "every answer the server gave was a 202");

    const second = await startServer(seeded.dbPath);
    const found = await Promise.all(ledger.map((id) => getSubmission(second.url, seeded.authorization, id)));
    const missing = ledger.filter((id, index) => found[index]?.httpStatus !== 200 || found[index]?.id !== id);
    assert.deepEqual(missing, [], "every acknowledged submission is stored");

    const unprocessed = await waitUntilProcessed(second.url, seeded.authorization, ledger);
    assert.deepEqual(unprocessed, [], "every acknowledged submission is processed after the restart");
    second.kill("SIGTERM");
    assert.equal((await second.waitForExit()).code, 0);
  });
});

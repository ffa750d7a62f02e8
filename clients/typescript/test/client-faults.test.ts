import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { killAllServers, type ServerProcess } from "../../../test/helpers/server-process.js";
import type { ClientOptions } from "../src/index.js";
import {
  clientOf,
  restartOnPort,
  type SeededDatabase,
  seedDatabase,
  startService,
} from "./helpers/client-service.js";
import { countingFetch } from "./helpers/counting-fetch.js";
import { orderOf, ordersOf } from "./helpers/orders.js";
import { storedSubmissionIds } from "./helpers/stored-submissions.js";

const TRKREF = "ACME";
/** Retries enough to outlast a restart of the service, each attempt bounded. */
const PATIENT: Partial<ClientOptions> = {
  retry: { maxAttempts: 40, baseDelayMs: 50, maxDelayMs: 500 },
  timeoutMs: 5_000,
};
/** How long the service stays down, so that calls in flight meet refused connections and retry. */
const DOWN_MS = 1_000;
/** Every call of a test must resolve within this; past it the calls are aborted and the test fails. */
const DEADLINE_MS = 60_000;

/**
 * The service on a database that kills it with SIGKILL when told, and starts it again on the same port and
 * database after a second; `restarted` resolves once the new process listens.
 */
class KilledOnce {
  private restarting: Promise<ServerProcess> | undefined;
  private constructor(
    readonly seeded: SeededDatabase,
    readonly first: ServerProcess,
  ) {}

  static async start(): Promise<KilledOnce> {
    const seeded = await seedDatabase([TRKREF]);
    return new KilledOnce(seeded, await startService(seeded.dbPath));
  }

  get killed(): boolean {
    return this.restarting !== undefined;
  }

  killAndRestart(): void {
    this.restarting ??= (async () => {
      this.first.kill("SIGKILL");
      await this.first.waitForExit();
      await sleep(DOWN_MS);
      return restartOnPort(this.seeded.dbPath, this.first.url);
    })();
    // A failed restart is reported where it is awaited, with the calls that could then not resolve.
    this.restarting.catch(() => {});
  }

  /** Stops the restarted service (cleanly) and answers what the database holds of the organisation. */
  async stopAndReadStored(): Promise<Map<string, string[]>> {
    assert.ok(this.restarting, "the service was killed");
    const second = await this.restarting;
    second.kill("SIGTERM");
    assert.equal((await second.waitForExit()).code, 0, second.stderr());
    return storedSubmissionIds(this.seeded.dbPath, TRKREF);
  }
}

describe("the client across a service killed with SIGKILL and restarted", () => {
  const cleanups: (() => void)[] = [];
  after(async () => {
    await killAllServers();
    for (const cleanup of cleanups) cleanup();
  });

  it("resolves every submitOrder, and each order is stored exactly once with the id it answered", async () => {
    const orders = 300;
    const concurrency = 8;
    const killAfter = 100;
    const service = await KilledOnce.start();
    cleanups.push(service.seeded.remove);
    const client = clientOf(service.first.url, service.seeded, PATIENT);
    const signal = AbortSignal.timeout(DEADLINE_MS);

    const ledger = new Map<string, string>();
    let inFlight = 0;
    let inFlightAtKill = 0;
    let next = 0;
    const submitter = async () => {
      for (let n = next++; n < orders; n = next++) {
        const order = orderOf(TRKREF, `FAULT-${String(n).padStart(4, "0")}`);
        inFlight++;
        const { id } = await client.submitOrder(TRKREF, order, { signal }).finally(() => inFlight--);
        ledger.set(String(order.order_ref), id);
        if (ledger.size >= killAfter && !service.killed) {
          inFlightAtKill = inFlight;
          service.killAndRestart();
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, submitter));

    assert.ok(inFlightAtKill > 0, "the service was killed while calls were waiting for their answers");
    assert.equal(ledger.size, orders, "every call resolved with an id");
    const stored = await service.stopAndReadStored();
    assertStoredOnce(stored, ledger);
  });

  it("resolves a submitBatch of 20 batches, and each order is stored exactly once with its result's id", async () => {
    const batches = 20;
    const ordersPerBatch = 50;
    const killAfterBatches = 8;
    const service = await KilledOnce.start();
    cleanups.push(service.seeded.remove);
    let batchesAcknowledged = 0;
    const counter = countingFetch((request, response) => {
      if (request.method !== "POST" || response.status !== 202) return;
      batchesAcknowledged++;
      if (batchesAcknowledged >= killAfterBatches) service.killAndRestart();
    });
    const client = clientOf(service.first.url, service.seeded, { ...PATIENT, fetch: counter.fetch });

    const documents = ordersOf(TRKREF, "BATCH-FAULT", batches * ordersPerBatch);
    const results = await client.submitBatch(documents, {
      idempotencyKey: `fault-${randomUUID()}`,
      maxOrdersPerBatch: ordersPerBatch,
      concurrency: 2,
      signal: AbortSignal.timeout(DEADLINE_MS),
    });

    assert.ok(service.killed, "the service was killed while batches were being submitted");
    assert.equal(new Set(results.map((result) => result.batchId)).size, batches);
    const ledger = new Map<string, string>();
    for (const result of results) {
      assert.equal(result.status, "accepted", JSON.stringify(result));
      ledger.set(String(result.order_ref), result.id as string);
    }
    assert.equal(ledger.size, documents.length, "one result per order");
    const stored = await service.stopAndReadStored();
    assertStoredOnce(stored, ledger);
  });
});

/** Every order of the ledger has exactly one stored submission, the one the client answered, and no other. */
function assertStoredOnce(stored: Map<string, string[]>, ledger: Map<string, string>): void {
  const wrong = [...ledger].filter(([orderRef, id]) => {
    const ids = stored.get(orderRef) ?? [];
    return ids.length !== 1 || ids[0] !== id;
  });
  assert.deepEqual(
    wrong.map(([orderRef, id]) => ({ orderRef, answered: id, stored: stored.get(orderRef) ?? [] })),
    [],
    "each order is stored once, with the id the client answered",
  );
  assert.deepEqual(
    [...stored.keys()].filter((orderRef) => !ledger.has(orderRef)),
    [],
    "nothing else is stored",
  );
}

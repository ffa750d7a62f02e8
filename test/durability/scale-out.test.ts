import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import {
  type ClusterProcess,
  createSchemaPool,
  killCluster,
  type SeededOrganisation,
  seedOrganisation,
  startCluster,
} from "../helpers/cluster.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";

const ORDER_REFS = 40;
// Every fourth order is sent a fourth time, unchanged: that one must come out a duplicate.
const RESUBMIT_EVERY = 4;
const CLIENTS = 8;
const REQUEST_TIMEOUT_MS = 15_000;
const PROCESSING_TIMEOUT_MS = 20_000;

/** The versions of one order, in the order they are sent, and the outcome each must come to. */
function versionsOf(trkref: string, n: number) {
  const orderRef = `SCALE-${String(n).padStart(4, "0")}`;
  const v1 = {
    trkref,
    order_ref: orderRef,
    order_date: "25-09-2021",
    customer: { email: `buyer-${n}@example.com` },
    order_items: [{ sku: "MUG-001", price: "1,00", currency: "GBP" }],
  };
  const v2 = { ...v1, fulfilment_date: "27-09-2021" };
  const v3 = { ...v2, order_items: [{ sku: "MUG-001", price: "3,00", currency: "GBP" }] };
  const documents = n % RESUBMIT_EVERY === 0 ? [v1, v2, v3, v3] : [v1, v2, v3];
  const outcomes = ["created", "updated", "updated", "duplicate"].slice(0, documents.length);
  return { orderRef, documents, outcomes };
}

async function postOrder(url: string, seeded: SeededOrganisation, document: object): Promise<string> {
  const response = await fetch(`${url}/v4/organisations/${seeded.trkref}/customer_order`, {
    method: "POST",
    headers: { authorization: seeded.authorization, "content-type": "application/json" },
    body: JSON.stringify(document),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await response.json()) as { id?: unknown };
  assert.equal(response.status, 202, `submission answered ${response.status}: ${JSON.stringify(body)}`);
  assert.equal(typeof body.id, "string");
  return body.id as string;
}

/**
 * Sends every version of every order from `CLIENTS` clients at once, alternating between the servers. The
 * versions of one order go one after another, each after the previous one's 202, so that their acceptance
 * order is the order they were sent in. Returns the 202 ids per order ref, in that order.
 */
async function submitAll(urls: string[], seeded: SeededOrganisation) {
  const ledger = new Map<string, string[]>();
  let next = 0;
  const client = async () => {
    for (let n = next++; n < ORDER_REFS; n = next++) {
      const { orderRef, documents } = versionsOf(seeded.trkref, n);
      const ids: string[] = [];
      ledger.set(orderRef, ids);
      for (const [version, document] of documents.entries()) {
        ids.push(await postOrder(urls[(n + version) % urls.length] as string, seeded, document));
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return ledger;
}

async function waitUntilNoneAccepted(pool: pg.Pool): Promise<number> {
  let accepted = -1;
  const deadline = Date.now() + PROCESSING_TIMEOUT_MS;
  for (let round = 0; round < 1_000 && accepted !== 0 && Date.now() < deadline; round++) {
    const { rows } = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM submissions WHERE status = 'accepted'",
    );
    accepted = rows[0]?.n ?? -1;
    if (accepted !== 0) await sleep(100);
  }
  return accepted;
}

/** The order as read back through the API: the final version, with its submissions in acceptance order. */
async function assertOrderReadBack(
  url: string,
  seeded: SeededOrganisation,
  orderRef: string,
  ids: string[],
  outcomes: string[],
) {
  const response = await fetch(`${url}/v4/organisations/${seeded.trkref}/customer_orders/${orderRef}`, {
    headers: { authorization: seeded.authorization },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  assert.equal(response.status, 200, orderRef);
  const order = (await response.json()) as {
    order_date?: string;
    fulfilment_date?: string;
    order_items: { sku: string; price?: string }[];
    submissions: { id: string; status: string; outcome: string | null }[];
  };
  assert.equal(order.order_date, "2021-09-25", orderRef);
  assert.equal(order.fulfilment_date, "2021-09-27", orderRef);
  assert.deepEqual(
    order.order_items.map((item) => [item.sku, item.price]),
    [["MUG-001", "3.00"]],
    orderRef,
  );
  assert.deepEqual(
    order.submissions.map((submission) => [submission.id, submission.status, submission.outcome]),
    ids.map((id, version) => [id, "processed", outcomes[version]]),
    `${orderRef}: the order lists its submissions in acceptance order`,
  );
}

const stderrOf = (processes: ClusterProcess[]) => processes.map((p) => `${p.role}: ${p.stderr()}`).join("\n");

await withPostgres(() => {
  describe("two API instances and two workers on one PostgreSQL database", () => {
    const schema = createTestSchema("scale_out");
    const pool = createSchemaPool(schema.schema);
    after(async () => {
      await killCluster();
      await pool.end();
      await schema.drop();
    });

    it("process every acknowledged submission exactly once, in acceptance order per order", async (t) => {
      const seeded = await seedOrganisation(schema.url);
      const { servers, workers } = await startCluster({
        databaseUrl: schema.url,
        servers: 2,
        workers: 2,
        // Small batches and short polls, so that both workers take turns on the same stream of work.
        env: { PROCESSOR_BATCH_SIZE: "5", PROCESSOR_POLL_MS: "50" },
      });
      const everyone = [...servers, ...workers];

      const ledger = await submitAll(
        servers.map((server) => server.url),
        seeded,
      );
      const acknowledged = [...ledger.values()].flat();
      assert.equal(
        await waitUntilNoneAccepted(pool),
        0,
        `submissions left unprocessed\n${stderrOf(everyone)}`,
      );

      const { rows } = await pool.query<{ id: string; order_ref: string; status: string; outcome: string }>(
        "SELECT id, order_ref, status, outcome FROM submissions ORDER BY seq",
      );
      assert.deepEqual(
        rows.map((row) => row.id).sort(),
        [...acknowledged].sort(),
        "the stored submissions are exactly the acknowledged ones",
      );
      const notProcessed = rows.filter((row) => row.status !== "processed" || row.outcome === null);
      assert.deepEqual(notProcessed, [], "every submission is processed with an outcome");

      for (let n = 0; n < ORDER_REFS; n++) {
        const { orderRef, outcomes } = versionsOf(seeded.trkref, n);
        const forOrder = rows.filter((row) => row.order_ref === orderRef);
        assert.deepEqual(
          forOrder.map((row) => row.id),
          ledger.get(orderRef),
          `${orderRef}: submissions stored in acceptance order`,
        );
        assert.deepEqual(
          forOrder.map((row) => row.outcome),
          outcomes,
          `${orderRef}: outcomes in acceptance order`,
        );

        const url = servers[n % servers.length]?.url as string;
        await assertOrderReadBack(url, seeded, orderRef, ledger.get(orderRef) ?? [], outcomes);
      }

      for (const child of everyone) child.kill("SIGTERM");
      for (const child of everyone) {
        assert.equal((await child.waitForExit()).code, 0, `${child.role} stops cleanly: ${child.stderr()}`);
      }

      // Counted after the exits: a worker logs a batch after its commit, so only then are its counts final.
      const processedByWorker = workers.map((worker) => worker.processedCount());
      t.diagnostic(`submissions processed per worker: ${processedByWorker.join(", ")}`);
      assert.equal(
        processedByWorker.reduce((sum, n) => sum + n, 0),
        acknowledged.length,
        `the workers took each submission exactly once (per worker: ${processedByWorker.join(", ")})`,
      );
      for (const [index, count] of processedByWorker.entries()) {
        assert.ok(
          count > 0,
          `worker ${index + 1} processed nothing (per worker: ${processedByWorker.join(", ")})`,
        );
      }
    });
  });
});

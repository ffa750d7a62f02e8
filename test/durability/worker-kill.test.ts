import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import { DEFAULT_ORDER_LIMITS } from "../../src/domain/order-limits.js";
import { validateOrder } from "../../src/domain/validate-order.js";
import { openStore } from "../../src/storage/open-store.js";
import { claimSubmissions } from "../../src/storage/postgres/submissions-sql.js";
import type { NewSubmission, Store } from "../../src/storage/store.js";
import {
  createSchemaPool,
  killCluster,
  type SeededOrganisation,
  seedOrganisation,
  startWorker,
} from "../helpers/cluster.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";

const ORDER_REFS = 100;
// The order whose row the test locks: its update sits in the middle of the worker's batch.
const LOCKED_REF = "KILL-LOCKED";
const WAIT_TIMEOUT_MS = 20_000;

const orderRef = (n: number) => `KILL-${String(n).padStart(4, "0")}`;

/** Version 1 has the order date only, version 2 adds the fulfilment date, version 3 raises the price. */
function orderVersion(trkref: string, ref: string, version: 1 | 2 | 3) {
  return {
    trkref,
    order_ref: ref,
    order_date: "25-09-2021",
    ...(version > 1 && { fulfilment_date: "27-09-2021" }),
    customer: { email: "buyer@example.com" },
    order_items: [{ sku: "MUG-001", price: version === 3 ? "3,00" : "1,00", currency: "GBP" }],
  };
}

function toSubmission(keyId: string, document: { trkref: string }): NewSubmission {
  const validation = validateOrder(document, DEFAULT_ORDER_LIMITS, { pathTrkref: document.trkref });
  assert.ok(validation.ok, JSON.stringify(validation));
  return {
    id: randomUUID(),
    keyId,
    order: validation.order,
    raw: JSON.stringify(document),
    acceptedAt: new Date().toISOString(),
  };
}

/** Runs `sql` until it returns a row, for at most WAIT_TIMEOUT_MS. */
async function waitForRow<T extends pg.QueryResultRow>(pool: pg.Pool, sql: string, params: unknown[]) {
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  for (let round = 0; round < 1_000 && Date.now() < deadline; round++) {
    const { rows } = await pool.query<T>(sql, params);
    if (rows[0]) return rows[0];
    await sleep(50);
  }
  return undefined;
}

async function countByStatus(pool: pg.Pool) {
  const { rows } = await pool.query<{ accepted: number; processed: number }>(
    `SELECT count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
       count(*) FILTER (WHERE status = 'processed')::int AS processed FROM submissions`,
  );
  return rows[0];
}

/**
 * Commits the workload in this acceptance order: half the first versions, the locked order's update, the
 * other half, then every second and every third version. The locked order itself is created beforehand,
 * so that its update (in the middle of a worker's batch) waits for the test's lock on its row. Returns the
 * ids of a worker's first batch of up to 500 (every order's head, then the later submissions of those
 * orders: here all of them) and how many are pending.
 */
async function commitWorkload(store: Store, seeded: SeededOrganisation) {
  const submit = (ref: string, version: 1 | 2 | 3) =>
    toSubmission(seeded.keyId, orderVersion(seeded.trkref, ref, version));
  const commit = (submissions: NewSubmission[]) => store.commitIntake([{ submissions }]);
  await commit([submit(LOCKED_REF, 1)]);
  assert.equal(await store.processPendingSubmissions(10), 1);

  const refs = Array.from({ length: ORDER_REFS }, (_, n) => orderRef(n));
  const firstVersions = refs.map((ref) => submit(ref, 1));
  const lockedUpdate = submit(LOCKED_REF, 3);
  await commit(firstVersions.slice(0, ORDER_REFS / 2));
  await commit([lockedUpdate]);
  await commit(firstVersions.slice(ORDER_REFS / 2));
  const secondVersions = refs.map((ref) => submit(ref, 2));
  const thirdVersions = refs.map((ref) => submit(ref, 3));
  await commit(secondVersions);
  await commit(thirdVersions);
  const batch = [...firstVersions, lockedUpdate, ...secondVersions, ...thirdVersions].map((s) => s.id);
  return { refs: [LOCKED_REF, ...refs], batch, pending: ORDER_REFS * 3 + 1 };
}

/** Locks one order's row in a transaction left open; returns the connection and its backend's pid. */
async function lockOrderRow(pool: pg.Pool, trkref: string, ref: string) {
  const client = await pool.connect();
  await client.query("BEGIN");
  await client.query("SELECT 1 FROM orders WHERE trkref = $1 AND order_ref = $2 FOR UPDATE", [trkref, ref]);
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  return { client, pid: rows[0]?.pid };
}

/**
 * What another processor would see now: the submissions it could claim (through the real claim query,
 * rolled back) and the accepted submissions whose rows are locked by someone else.
 */
async function readClaims(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // A claim that waited for the locks instead of skipping them would wait as long as they are held.
    await client.query("SET LOCAL lock_timeout = '5s'");
    const claimable = await claimSubmissions(client, 500);
    await client.query("ROLLBACK");
    await client.query("BEGIN");
    const { rows: accepted } = await client.query<{ id: string }>(
      "SELECT id FROM submissions WHERE status = 'accepted'",
    );
    const { rows: unlocked } = await client.query<{ id: string }>(
      "SELECT id FROM submissions WHERE status = 'accepted' FOR UPDATE SKIP LOCKED",
    );
    const free = new Set(unlocked.map((row) => row.id));
    return { claimable, locked: accepted.map((row) => row.id).filter((id) => !free.has(id)) };
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
}

async function outcomesByOrder(pool: pg.Pool) {
  const { rows } = await pool.query<{ order_ref: string; outcomes: string[] }>(
    `SELECT order_ref, array_agg(outcome ORDER BY seq) AS outcomes FROM submissions
     GROUP BY order_ref ORDER BY order_ref`,
  );
  return new Map(rows.map((row) => [row.order_ref, row.outcomes]));
}

await withPostgres(() => {
  describe("a worker killed with SIGKILL in the middle of a batch", () => {
    const schema = createTestSchema("worker_kill");
    const pool = createSchemaPool(schema.schema);
    let store: Store | undefined;
    let lockHolder: pg.PoolClient | undefined;
    after(async () => {
      await killCluster();
      await lockHolder?.query("ROLLBACK").catch(() => {});
      lockHolder?.release();
      await store?.close();
      await pool.end();
      await schema.drop();
    });

    it("loses none of its claims: another worker processes them, each exactly once", async (t) => {
      const seeded = await seedOrganisation(schema.url);
      store = await openStore(schema.url, { poolSize: 2 });
      const { refs, batch, pending } = await commitWorkload(store, seeded);

      const lock = await lockOrderRow(pool, seeded.trkref, LOCKED_REF);
      lockHolder = lock.client;
      const workerA = await startWorker(schema.url, { PROCESSOR_BATCH_SIZE: "500", PROCESSOR_POLL_MS: "50" });
      const blocked = await waitForRow<{ pid: number }>(
        pool,
        "SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))",
        [lock.pid],
      );
      assert.ok(blocked, `worker A never waited for the locked order: ${workerA.stderr()}`);

      // Worker A is inside its batch: it holds every order's first pending submission and, within its batch
      // size, their later ones, so that no other processor can take any submission now.
      const { claimable, locked } = await readClaims(pool);
      assert.deepEqual(claimable, [], "another processor finds nothing to claim");
      assert.deepEqual([...locked].sort(), [...batch].sort(), "worker A holds its whole batch");

      workerA.kill("SIGKILL");
      assert.equal((await workerA.waitForExit()).signal, "SIGKILL");
      await lockHolder.query("ROLLBACK");
      lockHolder.release();
      lockHolder = undefined;
      const gone = await waitForRow(
        pool,
        "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1)",
        [blocked.pid],
      );
      assert.ok(gone, "worker A's connection ends once it is dead");
      assert.deepEqual(
        await countByStatus(pool),
        { accepted: pending, processed: 1 },
        "worker A committed nothing",
      );

      const workerB = await startWorker(schema.url, { PROCESSOR_BATCH_SIZE: "50", PROCESSOR_POLL_MS: "50" });
      const done = await waitForRow(
        pool,
        "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM submissions WHERE status = 'accepted')",
        [],
      );
      assert.ok(done, `submissions left unprocessed: ${workerB.stderr()}`);
      workerB.kill("SIGTERM");
      assert.equal((await workerB.waitForExit()).code, 0, workerB.stderr());
      // Counted after the exit: a worker logs a batch after its commit, so only then is its count final.
      t.diagnostic(`worker B processed ${workerB.processedCount()} submissions`);
      assert.equal(workerB.processedCount(), pending, "worker B took every submission, each once");

      assert.deepEqual(await countByStatus(pool), { accepted: 0, processed: pending + 1 });
      const { rows: claimedByA } = await pool.query<{ status: string; outcome: string }>(
        "SELECT status, outcome FROM submissions WHERE id = ANY($1::uuid[])",
        [batch],
      );
      assert.equal(claimedByA.length, batch.length);
      // A's batch was every pending submission: all are processed now, by B, each once.
      assert.equal(claimedByA.filter((row) => row.status === "processed").length, batch.length);
      const outcomes = await outcomesByOrder(pool);
      assert.deepEqual([...outcomes.keys()].sort(), [...refs].sort());
      for (const [ref, forOrder] of outcomes) {
        const expected = ref === LOCKED_REF ? ["created", "updated"] : ["created", "updated", "updated"];
        assert.deepEqual(forOrder, expected, `${ref}: outcomes in acceptance order`);
      }
      for (const ref of refs) {
        const stored = await store.findOrder(seeded.trkref, ref);
        assert.equal(stored?.order.order_date, "2021-09-25", ref);
        assert.equal(stored?.order.fulfilment_date, "2021-09-27", ref);
        assert.deepEqual(
          stored?.order.order_items.map((item) => item.price),
          ["3.00"],
          ref,
        );
      }
    });
  });
});

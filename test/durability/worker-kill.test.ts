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
 * orders: here all of them), how many are pending, and each order's submission ids in acceptance order.
 */
async function commitWorkload(store: Store, seeded: SeededOrganisation) {
  const submit = (ref: string, version: 1 | 2 | 3) =>
    toSubmission(seeded.keyId, orderVersion(seeded.trkref, ref, version));
  const commit = (submissions: NewSubmission[]) => store.commitIntake([{ submissions }]);
  const lockedCreation = submit(LOCKED_REF, 1);
  await commit([lockedCreation]);
  assert.equal((await store.processPendingSubmissions(10)).taken, 1);

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
  const idsByRef = new Map([[LOCKED_REF, [lockedCreation.id, lockedUpdate.id]]]);
  for (const [n, ref] of refs.entries()) {
    idsByRef.set(
      ref,
      [firstVersions, secondVersions, thirdVersions].map((versions) => versions[n]?.id as string),
    );
  }
  return { refs: [LOCKED_REF, ...refs], batch, pending: ORDER_REFS * 3 + 1, idsByRef };
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

/** Every processed submission as stored: applying one again would write its row again. */
async function processedRows(pool: pg.Pool) {
  const { rows } = await pool.query<{ id: string; outcome: string; processed_at: Date }>(
    "SELECT id, outcome, processed_at FROM submissions WHERE status = 'processed' ORDER BY seq",
  );
  return rows;
}

/**
 * What one application per submission leaves behind: each order lists exactly its submissions, once each,
 * in acceptance order, all processed; the first created the order and every later one changed it (one
 * applied again would have found nothing to change, "duplicate", or undone a later version); and the
 * order is its last version, recorded as the work of its last submission.
 */
async function assertAppliedOnceEach(store: Store, trkref: string, idsByRef: Map<string, string[]>) {
  for (const [ref, ids] of idsByRef) {
    const submissions = await store.listSubmissionsForOrder(trkref, ref);
    assert.deepEqual(
      submissions.map((submission) => [submission.id, submission.status, submission.outcome]),
      ids.map((id, version) => [id, "processed", version === 0 ? "created" : "updated"]),
      `${ref}: its submissions, each once, in acceptance order`,
    );
    const stored = await store.findOrder(trkref, ref);
    assert.equal(stored?.lastSubmissionId, ids.at(-1), `${ref}: last applied by its last submission`);
    assert.equal(stored?.order.order_date, "2021-09-25", ref);
    assert.equal(stored?.order.fulfilment_date, "2021-09-27", ref);
    assert.deepEqual(
      stored?.order.order_items.map((item) => item.price),
      ["3.00"],
      ref,
    );
  }
}

async function outcomesByOrder(pool: pg.Pool) {
  const { rows } = await pool.query<{ order_ref: string; outcomes: string[] }>(
    `SELECT order_ref, array_agg(outcome ORDER BY seq) AS outcomes FROM submissions
     GROUP BY order_ref ORDER BY order_ref`,
  );
  return new Map(rows.map((row) => [row.order_ref, row.outcomes]));
}

/** Waits (bounded) until the backend `pid` is gone: a killed worker's transaction has then rolled back. */
async function waitForBackendGone(pool: pg.Pool, pid: number) {
  const gone = await waitForRow(
    pool,
    "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1)",
    [pid],
  );
  assert.ok(gone, "the killed worker's connection ends once it is dead");
}

/** Waits (bounded) until some backend waits for the lock that backend `pid` holds; returns the waiter. */
async function waitForBlockedBackend(pool: pg.Pool, pid: number | undefined) {
  return waitForRow<{ pid: number }>(
    pool,
    "SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))",
    [pid],
  );
}

async function waitUntilNoneAccepted(pool: pg.Pool) {
  return waitForRow(
    pool,
    "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM submissions WHERE status = 'accepted')",
    [],
  );
}

await withPostgres(() => {
  describe("a worker killed with SIGKILL in the middle of a batch", () => {
    const cleanups: (() => Promise<void>)[] = [];
    after(async () => {
      await killCluster();
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    });

    /** A schema of its own for one test, a pool on it, a store, and a lock holder released at the end. */
    async function setUp(label: string) {
      const schema = createTestSchema(label);
      const pool = createSchemaPool(schema.schema);
      cleanups.push(
        () => schema.drop(),
        () => pool.end(),
      );
      const seeded = await seedOrganisation(schema.url);
      const store = await openStore(schema.url, { poolSize: 2 });
      cleanups.push(() => store.close());
      const workload = await commitWorkload(store, seeded);
      const lock = await lockOrderRow(pool, seeded.trkref, LOCKED_REF);
      let held = true;
      const release = async () => {
        if (!held) return;
        held = false;
        await lock.client.query("ROLLBACK");
        lock.client.release();
      };
      cleanups.push(release);
      return { url: schema.url, pool, seeded, store, workload, lockPid: lock.pid, release };
    }

    it("loses none of its claims: another worker processes them, each exactly once", async (t) => {
      const { url, pool, seeded, store, workload, lockPid, release } = await setUp("worker_kill");
      const { refs, batch, pending, idsByRef } = workload;
      const workerA = await startWorker(url, { PROCESSOR_BATCH_SIZE: "500", PROCESSOR_POLL_MS: "50" });
      const blocked = await waitForBlockedBackend(pool, lockPid);
      assert.ok(blocked, `worker A never waited for the locked order: ${workerA.stderr()}`);

      // Worker A is inside its batch: it holds every order's first pending submission and, within its batch
      // size, their later ones, so that no other processor can take any submission now.
      const { claimable, locked } = await readClaims(pool);
      assert.deepEqual(claimable, [], "another processor finds nothing to claim");
      assert.deepEqual([...locked].sort(), [...batch].sort(), "worker A holds its whole batch");

      workerA.kill("SIGKILL");
      assert.equal((await workerA.waitForExit()).signal, "SIGKILL");
      await release();
      await waitForBackendGone(pool, blocked.pid);
      assert.deepEqual(
        await countByStatus(pool),
        { accepted: pending, processed: 1 },
        "worker A committed nothing",
      );

      const workerB = await startWorker(url, { PROCESSOR_BATCH_SIZE: "50", PROCESSOR_POLL_MS: "50" });
      assert.ok(await waitUntilNoneAccepted(pool), `submissions left unprocessed: ${workerB.stderr()}`);
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
      await assertAppliedOnceEach(store, seeded.trkref, idsByRef);
    });

    it("keeps the batches it committed before: another worker applies none of them again", async (t) => {
      const { url, pool, seeded, store, workload, lockPid, release } = await setUp("worker_kill_late");
      const { pending, idsByRef } = workload;
      // Small batches: worker A commits the first ones, then waits for the locked order in a later one.
      const workerA = await startWorker(url, { PROCESSOR_BATCH_SIZE: "20", PROCESSOR_POLL_MS: "50" });
      const blocked = await waitForBlockedBackend(pool, lockPid);
      assert.ok(blocked, `worker A never waited for the locked order: ${workerA.stderr()}`);
      const committedByA = await processedRows(pool);
      // One of them is the locked order's creation, processed before the test began.
      assert.ok(committedByA.length > 1, "worker A committed batches before the one it is killed in");

      workerA.kill("SIGKILL");
      assert.equal((await workerA.waitForExit()).signal, "SIGKILL");
      await release();
      await waitForBackendGone(pool, blocked.pid);
      assert.deepEqual(await processedRows(pool), committedByA, "worker A's last batch committed nothing");

      const workerB = await startWorker(url, { PROCESSOR_BATCH_SIZE: "50", PROCESSOR_POLL_MS: "50" });
      assert.ok(await waitUntilNoneAccepted(pool), `submissions left unprocessed: ${workerB.stderr()}`);
      workerB.kill("SIGTERM");
      assert.equal((await workerB.waitForExit()).code, 0, workerB.stderr());

      const byA = committedByA.length - 1;
      t.diagnostic(`worker A committed ${byA} submissions before it was killed, worker B ${pending - byA}`);
      assert.deepEqual(await countByStatus(pool), { accepted: 0, processed: pending + 1 });
      // Applying a submission again would rewrite its row: its outcome, or at least its processed_at.
      const now = new Map((await processedRows(pool)).map((row) => [row.id, row]));
      for (const row of committedByA) {
        assert.deepEqual(now.get(row.id), row, `submission ${row.id}, committed by A, is as A left it`);
      }
      // Counted after the exits: a worker logs a batch after its commit, so only then is its count final.
      assert.equal(workerA.processedCount(), byA, "worker A logged the batches it committed");
      assert.equal(workerB.processedCount(), pending - byA, "worker B took only what A had not committed");
      await assertAppliedOnceEach(store, seeded.trkref, idsByRef);
    });
  });
});

import pg from "pg";
import { applySubmissionsInOrder } from "../../domain/apply-submissions-in-order.js";
import { findOrders } from "./orders-sql.js";
import { inTransaction } from "./postgres-pool.js";
import { saveOrders } from "./save-orders-sql.js";
import { type ClaimedSubmission, claimSubmissions, markFailed, markProcessed } from "./submissions-sql.js";

/** First key of the advisory locks that keep two processors off one order; apart from the intake locks. */
const PROCESSING_LOCK_SPACE = 2;

/**
 * Errors that belong to one submission (its stored document cannot be read, its data cannot be stored:
 * SQLSTATE classes 22 and 23) rather than to the database: they fail that submission and the batch goes on.
 * Anything else (a lost connection, the server shutting down) aborts the batch, whose claims are then
 * released.
 */
function isSubmissionError(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return !(error as { code?: unknown })?.code;
  return /^2[23]/.test(error.code ?? "");
}

/**
 * Applies submissions in seq order with a fixed number of statements, however many: their orders are read
 * in one, the domain applies each submission to the order as the ones before it left it, and each changed
 * order is written once, as the last of them left it. The same as reading, applying and writing one by one:
 * a later submission of an order is compared with the earlier one's document rather than its row read
 * back, and the columns keep every value exactly (text, ISO dates, numerics with their scale, JSON).
 */
async function applyInOneGo(client: pg.PoolClient, claimed: ClaimedSubmission[], now: string) {
  const stored = await findOrders(
    client,
    claimed.map((c) => c.document),
  );
  const { outcomes, changed } = applySubmissionsInOrder(
    stored,
    claimed.map((c) => ({ id: c.id, order: c.document })),
  );
  await saveOrders(client, changed, now);
  await markProcessed(
    client,
    claimed.map((c) => c.seq),
    outcomes,
    now,
  );
}

/**
 * A second guard beside the claim: whatever happens upstream, one order is applied by one processor at a
 * time. One statement for the whole batch, its orders in sorted order so that two processors cannot deadlock.
 */
async function lockOrders(client: pg.PoolClient, claimed: ClaimedSubmission[]): Promise<void> {
  await client.query(
    `SELECT pg_advisory_xact_lock($1, k) FROM (
       SELECT DISTINCT hashtext(t || '/' || r) AS k FROM unnest($2::text[], $3::text[]) AS o(t, r) ORDER BY k) AS keys`,
    [PROCESSING_LOCK_SPACE, claimed.map((c) => c.document.trkref), claimed.map((c) => c.document.order_ref)],
  );
}

/** Applies the claimed submissions together or, `careful`, each in a savepoint, so that one failing fails alone. */
async function applyAll(client: pg.PoolClient, claimed: ClaimedSubmission[], careful: boolean, now: string) {
  if (!careful) return applyInOneGo(client, claimed, now);
  for (const submission of claimed) {
    await client.query("SAVEPOINT apply_one");
    try {
      await applyInOneGo(client, [submission], now);
      await client.query("RELEASE SAVEPOINT apply_one");
    } catch (error) {
      await client.query("ROLLBACK TO SAVEPOINT apply_one");
      if (!isSubmissionError(error)) throw error;
      await markFailed(client, submission.seq, error instanceof Error ? error.message : String(error), now);
    }
  }
}

function processBatch(pool: pg.Pool, limit: number, careful: boolean): Promise<number> {
  return inTransaction(pool, async (client) => {
    const claimed = await claimSubmissions(client, limit);
    if (claimed.length === 0) return 0;
    await lockOrders(client, claimed);
    await applyAll(client, claimed, careful, new Date().toISOString());
    return claimed.length;
  });
}

/**
 * Claims a batch (see claimSubmissions) and applies it in one transaction: the claims are row locks held
 * until it ends, so a processor that dies mid-batch loses nothing: its connection drops, its transaction
 * rolls back, and another processor claims the same rows. A batch first runs in a handful of statements
 * for all its submissions (see applyInOneGo); only if one of its submissions cannot be applied is the batch
 * rolled back and run again one submission at a time, each in a savepoint, failing that one alone.
 */
export async function processPendingSubmissions(pool: pg.Pool, limit: number): Promise<number> {
  try {
    return await processBatch(pool, limit, false);
  } catch (error) {
    if (!isSubmissionError(error)) throw error;
    return processBatch(pool, limit, true);
  }
}

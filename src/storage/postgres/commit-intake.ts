import type pg from "pg";
import { planIntake } from "../plan-intake.js";
import type { IntakeCommitOutcome, IntakeWrite } from "../store.js";
import { insertBatches } from "./batches-sql.js";
import { insertIdempotencyRecords } from "./idempotency-sql.js";
import { insertSubmissions } from "./submissions-sql.js";

/** First key of the advisory locks that order the commits of one order's submissions. */
export const INTAKE_LOCK_SPACE = 1;

/**
 * Commits a group's writes in one transaction with a few multi-row statements, whatever its size.
 *
 * Several groups commit at once (COMMIT_CONCURRENCY, many instances), and a submission's seq is drawn at
 * insert, not at commit: two groups holding submissions of one order could become visible in the opposite
 * order of their seqs, and a processor would take the later one first. So each group first takes a
 * transaction lock on every order it writes (sorted, so two groups cannot deadlock): for one order, seq
 * order is then commit order.
 */
export async function commitIntake(
  client: pg.PoolClient,
  writes: IntakeWrite[],
): Promise<IntakeCommitOutcome[]> {
  const records = writes.flatMap((write) => (write.idempotency ? [write.idempotency] : []));
  const { outcomes, batches, submissions } = planIntake(
    writes,
    await insertIdempotencyRecords(client, records),
  );
  if (submissions.length > 0) {
    await client.query(
      `SELECT pg_advisory_xact_lock($1, k) FROM (
         SELECT DISTINCT hashtext(t || '/' || r) AS k FROM unnest($2::text[], $3::text[]) AS s(t, r) ORDER BY k) AS keys`,
      [INTAKE_LOCK_SPACE, submissions.map((s) => s.order.trkref), submissions.map((s) => s.order.order_ref)],
    );
  }
  await insertBatches(client, batches);
  await insertSubmissions(client, submissions);
  return outcomes;
}

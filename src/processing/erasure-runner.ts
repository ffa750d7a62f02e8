import type { FastifyBaseLogger } from "fastify";
import type { ErasureCounts, ErasureRequestRecord, PrivacyStore } from "../storage/privacy-store.js";
import { createPeriodicJob } from "./periodic-job.js";

/** Rows given hashes per call of the backfill, and calls per run at most (a run ends; the next goes on). */
const BACKFILL_BATCH = 500;
const MAX_BACKFILL_BATCHES = 100;
/** Requests taken per run at most. */
const ERASURES_PER_RUN = 20;

export const ERASURE_POLL_MS = 1000;

/**
 * Carries out pending erasure requests (those the merchant's API records; the CLI runs its own at once), in
 * `serve` and `worker`. Rows written without customer hashes (by a release before them) are given theirs
 * first: an erasure finds a customer by hash, so none runs while a row lacks one. After erasures, the store is compacted lightly
 * (SQLite: the WAL checkpointed and truncated, so that no old copy of an erased page stays in it;
 * PostgreSQL: VACUUM), so that erased data leaves the files without an operator; `order-intake compact`
 * does the full rewrite (docs/privacy.md).
 */
export function createErasureRunner(options: {
  store: Pick<PrivacyStore, "backfillCustomerHashes" | "listPendingErasureIds" | "runErasure" | "compact">;
  log: Pick<FastifyBaseLogger, "info" | "error">;
  now: () => Date;
  pollMs?: number;
  onErased?: (counts: ErasureCounts) => void;
}) {
  const { store, log } = options;

  async function backfill(): Promise<boolean> {
    for (let batch = 0; batch < MAX_BACKFILL_BATCHES; batch += 1) {
      const given = await store.backfillCustomerHashes(BACKFILL_BATCH);
      if (given > 0) log.info({ rows: given }, "customer hashes given to rows written before them");
      if (given === 0) return true;
    }
    return false;
  }

  async function runPending(): Promise<ErasureRequestRecord[]> {
    const completed: ErasureRequestRecord[] = [];
    for (const id of await store.listPendingErasureIds(ERASURES_PER_RUN)) {
      const done = await store.runErasure(id, options.now().toISOString());
      if (!done) continue;
      completed.push(done);
      options.onErased?.(done.counts ?? ({} as ErasureCounts));
      // The ledger's entry, as `order-intake erasure export` writes it: ids, hashes and counts, never an email.
      log.info(
        { requestId: done.id, trkref: done.trkref, subjects: done.subjects.length, counts: done.counts },
        "erasure completed",
      );
    }
    return completed;
  }

  const job = createPeriodicJob({
    intervalMs: options.pollMs ?? ERASURE_POLL_MS,
    log,
    failure: "running erasure requests failed; retrying at the next interval",
    run: async () => {
      // Every run: a previous release's instance may still be writing rows without hashes during a rolling
      // deploy. With none left it is one look at an empty index.
      if (!(await backfill())) return;
      const completed = await runPending();
      if (completed.length > 0) await store.compact({ full: false });
    },
  });
  return job;
}

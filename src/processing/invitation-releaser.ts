import type { FastifyBaseLogger } from "fastify";
import type { InvitationSettings, InvitationStore, ReleaseReport } from "../storage/invitation-store.js";
import { createPeriodicJob } from "./periodic-job.js";

/** Invitations checked per transaction, and transactions per run at most (a run ends; the next goes on). */
export const RELEASE_BATCH = 200;
const MAX_RELEASE_BATCHES = 50;

/**
 * Releases invitations at their due time, in `serve` and `worker` (any number of them on PostgreSQL: each
 * takes invitations no other holds). Every `pollMs` it checks the invitations due by now, a batch per
 * transaction until none is left or the run's bound is reached; the timers are rows, so a process that was
 * down over a due time releases what it missed when it starts.
 */
export function createInvitationReleaser(options: {
  store: Pick<InvitationStore, "releaseDueInvitations">;
  settings: InvitationSettings;
  log: Pick<FastifyBaseLogger, "info" | "error">;
  now: () => Date;
  pollMs: number;
  /** Called with what each transaction did (the metrics count it; events wake the deliverer). */
  onReleased?: (report: ReleaseReport) => void;
}) {
  const { store, log } = options;
  const job = createPeriodicJob({
    intervalMs: options.pollMs,
    log,
    failure: "releasing due invitations failed; retrying at the next interval",
    run: async () => {
      for (let batch = 0; batch < MAX_RELEASE_BATCHES; batch += 1) {
        const report = await store.releaseDueInvitations({
          limit: RELEASE_BATCH,
          now: options.now().toISOString(),
          settings: options.settings,
        });
        if (report.taken === 0) return;
        options.onReleased?.(report);
        log.info({ due: report.due, skipped: report.skipped }, "invitations released");
        if (report.taken < RELEASE_BATCH) return;
      }
    },
  });
  return job;
}

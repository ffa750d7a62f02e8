import type { FastifyBaseLogger } from "fastify";
import { ProblemError } from "./problem-catalogue.js";

/**
 * How often each instance counts the backlog by default: one count query a second per instance, and the
 * backlog may pass the ceiling by what the other instances accept in about that time.
 */
export const BACKLOG_COUNT_INTERVAL_MS = 1000;

/** Options of the backlog ceiling. */
export interface BacklogCeilingOptions {
  /** Most submissions waiting to be processed before intake refuses more; 0 is no ceiling. */
  maxBacklog: number;
  /** Counts the submissions waiting to be processed, whichever process accepted them (the store's count). */
  countPending: () => Promise<number>;
  /** How often the count is taken again, in milliseconds. */
  countIntervalMs: number;
  /** Called for each request refused because the backlog is at its ceiling. */
  onRefusal?: () => void;
  log: Pick<FastifyBaseLogger, "warn" | "info" | "debug">;
}

/**
 * Refuses new submissions with `503 overloaded` while the backlog of submissions waiting to be processed is
 * at its ceiling, so that intake faster than processing cannot fill the disk.
 *
 * Counting the backlog takes a query, too slow for every request, so the ceiling keeps an estimate: the
 * store's count, which sees every instance's submissions and every processor's progress, taken again every
 * `countIntervalMs`; plus what this process committed since, less what its own processor applied since.
 * What happens while a count runs may or may not be in it, so the count is taken the way that errs high:
 * commits made meanwhile stay on top of it, processing done meanwhile is dropped with the rest of what the
 * processor did before. The estimate can then be low only by what other instances committed since the last
 * count: with the orders of requests already past the check, the most the backlog passes the ceiling by.
 */
export function createBacklogCeiling(options: BacklogCeilingOptions) {
  const { maxBacklog } = options;
  let counted = 0;
  let committed = 0;
  let processed = 0;
  let refusing = false;
  let counting: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const estimate = () => Math.max(0, counted + committed - processed);

  function noticeBelowCeiling(): void {
    if (!refusing || estimate() >= maxBacklog) return;
    refusing = false;
    options.log.info({ backlog: estimate(), maxBacklog }, "backlog below its ceiling; accepting again");
  }

  async function count(): Promise<void> {
    const committedBefore = committed;
    try {
      counted = await options.countPending();
      committed -= committedBefore;
      // Whatever it applied before the count, and while it ran (which the count may not show): errs high.
      processed = 0;
    } catch (error) {
      // The last estimate stands; a store that cannot count cannot commit either, and says so itself.
      options.log.debug({ err: error }, "could not count the backlog; keeping the last estimate");
    }
    noticeBelowCeiling();
  }

  function countNow(): Promise<void> {
    counting ??= count().finally(() => {
      counting = undefined;
    });
    return counting;
  }

  return {
    /** Takes the first count, then counts again every interval; nothing when there is no ceiling. */
    async start(): Promise<void> {
      if (maxBacklog === 0 || timer) return;
      await countNow();
      timer = setInterval(() => void countNow(), options.countIntervalMs);
      timer.unref();
    },
    /** Stops counting, once a count in progress has ended (it must not query a store being closed). */
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await counting;
    },
    /** Throws `overloaded` when the backlog is at its ceiling; costs no query. */
    refuseWhenFull(): void {
      if (maxBacklog === 0 || estimate() < maxBacklog) return;
      if (!refusing) {
        refusing = true;
        options.log.warn({ backlog: estimate(), maxBacklog }, "backlog at its ceiling; refusing submissions");
      }
      options.onRefusal?.();
      throw new ProblemError("overloaded", {
        detail:
          `About ${estimate()} submissions are waiting to be processed, at or over this service's ceiling ` +
          `of ${maxBacklog}; retry later`,
      });
    },
    /** This process has just committed `submissions` new submissions. */
    recordCommitted(submissions: number): void {
      committed += submissions;
    },
    /** A processor in this process has just applied `submissions` submissions. */
    recordProcessed(submissions: number): void {
      processed += submissions;
      noticeBelowCeiling();
    },
    /** The backlog as the ceiling estimates it now. */
    get estimate(): number {
      return estimate();
    },
    maxBacklog,
  };
}

export type BacklogCeiling = ReturnType<typeof createBacklogCeiling>;

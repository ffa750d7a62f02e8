import { ProblemError } from "../domain/error-catalogue.js";

/** Options of a group committer. */
export interface GroupCommitOptions<T> {
  /** Commits one group durably; resolves only when the group is on disk. */
  commit: (items: T[]) => Promise<void>;
  /** Most weight waiting for a commit; past it `submit` refuses at once with `overloaded`. */
  maxPending: number;
  /** How much one item counts against `maxPending` (a batch write counts its submissions); default 1. */
  weigh?: (item: T) => number;
  /** Called after each commit with its size and duration, for logs and metrics. */
  onCommit?: (size: number, durationMs: number) => void;
  /** Called when a commit fails, before every waiting request hears 503. */
  onError?: (error: unknown, size: number) => void;
}

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers what arrives in one turn of the event loop and commits it in one transaction, so that concurrent
 * requests share one fsync instead of paying for one each. One commit runs at a time; whatever arrives
 * during it forms the next group. A failed commit rejects every request of its group with `store_unavailable`.
 */
export function createGroupCommitter<T>(options: GroupCommitOptions<T>) {
  let queue: Waiting<T>[] = [];
  let queuedWeight = 0;
  let committing = false;
  let scheduled = false;
  const weigh = options.weigh ?? (() => 1);

  async function flush(): Promise<void> {
    scheduled = false;
    if (committing || queue.length === 0) return;
    const group = queue;
    queue = [];
    queuedWeight = 0;
    committing = true;
    const started = performance.now();
    try {
      await options.commit(group.map((waiting) => waiting.item));
      options.onCommit?.(group.length, performance.now() - started);
      for (const waiting of group) waiting.resolve();
    } catch (error) {
      options.onError?.(error, group.length);
      const refusal = new ProblemError("store_unavailable", {
        cause: error,
        headers: { "retry-after": "1" },
      });
      for (const waiting of group) waiting.reject(refusal);
    } finally {
      committing = false;
      schedule();
    }
  }

  function schedule(): void {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    /** Resolves once `item` is durably committed; rejects with a ProblemError otherwise. */
    submit(item: T): Promise<void> {
      const weight = weigh(item);
      if (queuedWeight + weight > options.maxPending) {
        return Promise.reject(new ProblemError("overloaded", { headers: { "retry-after": "1" } }));
      }
      queuedWeight += weight;
      const committed = new Promise<void>((resolve, reject) => queue.push({ item, resolve, reject }));
      schedule();
      return committed;
    },
    /** Weight waiting for a commit (not counting the one in progress). */
    get pending(): number {
      return queuedWeight;
    },
    /** Resolves when everything submitted so far is committed or refused. */
    async drain(): Promise<void> {
      while (queue.length > 0 || committing) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

export type GroupCommitter<T> = ReturnType<typeof createGroupCommitter<T>>;

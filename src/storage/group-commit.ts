import { ProblemError } from "../domain/error-catalogue.js";

/** Options of a group committer. */
export interface GroupCommitOptions<T> {
  /** Commits one group durably; resolves only when the group is on disk. */
  commit: (items: T[]) => Promise<void>;
  /** Most items waiting for a commit; past it `submit` refuses at once with `overloaded`. */
  maxPending: number;
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
  let committing = false;
  let scheduled = false;

  async function flush(): Promise<void> {
    scheduled = false;
    if (committing || queue.length === 0) return;
    const group = queue;
    queue = [];
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
    /** Resolves once `items` are durably committed; rejects with a ProblemError otherwise. */
    submit(items: T[]): Promise<void> {
      if (queue.length + items.length > options.maxPending) {
        return Promise.reject(new ProblemError("overloaded", { headers: { "retry-after": "1" } }));
      }
      const settled = items.map(
        (item) => new Promise<void>((resolve, reject) => queue.push({ item, resolve, reject })),
      );
      schedule();
      return Promise.all(settled).then(() => undefined);
    },
    /** Items waiting for a commit (not counting the one in progress). */
    get pending(): number {
      return queue.length;
    },
    /** Resolves when everything submitted so far is committed or refused. */
    async drain(): Promise<void> {
      while (queue.length > 0 || committing) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

export type GroupCommitter<T> = ReturnType<typeof createGroupCommitter<T>>;

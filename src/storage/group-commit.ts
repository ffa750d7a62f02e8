import { StoreDefectError, StoreOverloadedError, StoreUnavailableError } from "./store.js";

/** Options of a group committer. */
export interface GroupCommitOptions<T, R = void> {
  /**
   * Commits one group durably; resolves only when the group is on disk, with one result per item (in
   * order) that its `submit` resolves with, or with nothing.
   */
  commit: (items: T[]) => Promise<R[]> | Promise<void>;
  /** Most weight waiting for a commit; past it `submit` refuses at once with StoreOverloadedError. */
  maxPending: number;
  /** How much one item counts against `maxPending` (a batch write counts its submissions); default 1. */
  weigh?: (item: T) => number;
  /** Most commits in flight at once; default 1. An asynchronous driver gains from a few. */
  maxConcurrentCommits?: number;
  /** Called after each commit with its size and duration, for logs and metrics. */
  onCommit?: (size: number, durationMs: number) => void;
  /** Called when a commit fails, after every waiting request has been refused. */
  onError?: (error: unknown, size: number) => void;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers what arrives in one turn of the event loop and commits it in one transaction, so that concurrent
 * requests share one fsync instead of paying for one each. At most `maxConcurrentCommits` commits run at
 * once; with an asynchronous driver whatever arrives while they run forms the next group (a synchronous one
 * blocks the loop meanwhile, so its groups are what was read in one turn). A failed commit rejects its whole group with
 * StoreUnavailableError, or StoreDefectError when retrying cannot help; nothing of it was stored.
 */
/** The store's verdict that retrying cannot help, or an error of the program itself (a bug in an adapter). */
const isDefect = (error: unknown) =>
  [StoreDefectError, TypeError, RangeError, ReferenceError, SyntaxError].some(
    (kind) => error instanceof kind,
  );

export function createGroupCommitter<T, R = void>(options: GroupCommitOptions<T, R>) {
  let queue: Waiting<T, R>[] = [];
  let queuedWeight = 0;
  let committing = 0;
  let scheduled = false;
  const maxConcurrent = options.maxConcurrentCommits ?? 1;
  const weigh = options.weigh ?? (() => 1);

  async function flush(): Promise<void> {
    scheduled = false;
    if (committing >= maxConcurrent || queue.length === 0) return;
    const group = queue;
    queue = [];
    queuedWeight = 0;
    committing += 1;
    const started = performance.now();
    let failure: unknown;
    let results: R[] | undefined;
    try {
      results = (await options.commit(group.map((waiting) => waiting.item))) ?? undefined;
    } catch (error) {
      failure = error;
    }
    committing -= 1;
    // Answer the waiters before anything else runs: a callback must not delay, or change, their answer.
    if (failure === undefined) {
      for (const [index, waiting] of group.entries()) waiting.resolve(results?.[index] as R);
      runCallback(() => options.onCommit?.(group.length, performance.now() - started));
    } else {
      // A defect stays one (500): told to retry, clients would send the same write again forever.
      const refusal = isDefect(failure)
        ? failure
        : new StoreUnavailableError("The commit failed; nothing of it was stored", { cause: failure });
      for (const waiting of group) waiting.reject(refusal);
      runCallback(() => options.onError?.(failure, group.length));
    }
    schedule();
  }

  function schedule(): void {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    /** Resolves once `item` is durably committed; rejects with StoreUnavailableError or StoreOverloadedError. */
    submit(item: T): Promise<R> {
      const weight = weigh(item);
      if (queuedWeight + weight > options.maxPending) {
        return Promise.reject(
          new StoreOverloadedError(`More than ${options.maxPending} waiting for a commit`),
        );
      }
      queuedWeight += weight;
      const committed = new Promise<R>((resolve, reject) => queue.push({ item, resolve, reject }));
      schedule();
      return committed;
    },
    /** Weight waiting for a commit (not counting the one in progress). */
    get pending(): number {
      return queuedWeight;
    },
    /** Resolves when everything submitted so far is committed or refused. */
    async drain(): Promise<void> {
      while (queue.length > 0 || committing > 0) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** Callbacks are for logs and metrics: one that throws must not break the committer. */
function runCallback(callback: () => void): void {
  try {
    callback();
  } catch {
    // Deliberately ignored: the commit's outcome is already settled and answered.
  }
}

export type GroupCommitter<T, R = void> = ReturnType<typeof createGroupCommitter<T, R>>;

import { type Store, StoreUnavailableError } from "./store.js";
import { wrapStoreMethods } from "./wrap-store.js";

/** Operations with no place on a request's path, which may rightly take longer: left unbounded. */
const UNBOUNDED: ReadonlySet<string> = new Set(["migrate", "close", "watchAccessChanges"]);

/**
 * Wraps a store so that no call waits longer than `timeoutMs`: past it, the call rejects with
 * StoreUnavailableError (answered 503 with Retry-After) while the operation itself ends on its own (the
 * driver's bounds close a connection that does not answer). A request then waits at most that long,
 * however the database fails: a partition, where packets are dropped rather than refused, would
 * otherwise hold it for as long as the connection attempt, the wait for a pooled connection and each
 * query take together.
 *
 * A commit that runs out of time may still commit after its requests were refused: a 503 acknowledges
 * nothing, and the client's retry (with its Idempotency-Key, the same answer; without, a resubmission of
 * the same order, which replaces it) leaves one order as sent.
 */
export function boundStoreCalls(store: Store, timeoutMs: number): Store {
  return wrapStoreMethods(store, (name, method) =>
    UNBOUNDED.has(name) ? method : (...args) => withDeadline(method(...args), timeoutMs, name),
  );
}

/** Settles as `work` does, or rejects with StoreUnavailableError after `timeoutMs`, whichever is first. */
export function withDeadline<T>(work: Promise<T>, timeoutMs: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new StoreUnavailableError(`Store operation ${operation} took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  // A late rejection of the abandoned work is already answered (by the expiry): it must not surface as an
  // unhandled rejection.
  work.catch(() => {});
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}

import type { Store } from "../store.js";
import { wrapStoreMethods } from "../wrap-store.js";

/**
 * Runs the store's calls one at a time, each after the previous one settled. SQLite's statements are
 * synchronous, but processing's transaction spans several awaits (the pipeline above it is written once for
 * both databases, and PostgreSQL's I/O is asynchronous): without this, a call made meanwhile (a commit
 * started in the same turn of the event loop, say) would run inside that transaction.
 */
export function serialiseCalls(store: Store): Store {
  let previous: Promise<unknown> = Promise.resolve();
  return wrapStoreMethods(store, (_name, method) => (...args) => {
    const result = previous.then(() => method(...args));
    previous = result.catch(() => undefined);
    return result;
  });
}

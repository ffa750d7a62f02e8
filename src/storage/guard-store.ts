import { type Store, StoreUnavailableError } from "./store.js";
import { wrapStoreMethods } from "./wrap-store.js";

/**
 * Wraps an adapter so that its driver's failures leave it as StoreUnavailableError (answered 503 with
 * Retry-After), whichever database raised them. Anything else (the adapter's own verdicts, and defects,
 * which must surface as 500 rather than as an outage clients retry forever) passes as it is.
 */
export function guardStore(store: Store, isDriverError: (error: unknown) => boolean): Store {
  return wrapStoreMethods(store, (name, method) => async (...args) => {
    try {
      return await method(...args);
    } catch (error) {
      if (!isDriverError(error)) throw error;
      throw new StoreUnavailableError(`Store operation ${name} failed: ${(error as Error)?.message}`, {
        cause: error,
      });
    }
  });
}

import type { ClassifyDatabaseError } from "./database-errors.js";
import { type Store, StoreDefectError, StoreUnavailableError } from "./store.js";
import { wrapStoreMethods } from "./wrap-store.js";

/**
 * Wraps an adapter so that its driver's failures leave it as one of two errors, the same whichever database
 * raised it: StoreUnavailableError (answered 503 with Retry-After) when the database cannot serve now, and
 * StoreDefectError (answered 500, logged with the cause's stack) when retrying will not help, so that a
 * client is never told to retry a request forever. The service's own errors (its verdicts, its defects)
 * pass as they are.
 */
export function guardStore(store: Store, classify: ClassifyDatabaseError): Store {
  return wrapStoreMethods(store, (name, method) => async (...args) => {
    try {
      return await method(...args);
    } catch (error) {
      const kind = classify(error);
      if (kind === undefined) throw error;
      const message = `Store operation ${name} failed: ${(error as Error)?.message}`;
      if (kind === "unavailable") throw new StoreUnavailableError(message, { cause: error });
      throw new StoreDefectError(message, { cause: error });
    }
  });
}

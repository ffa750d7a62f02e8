import { type Store, StoreUnavailableError } from "./store.js";

/**
 * Wraps an adapter so that its driver's failures leave it as StoreUnavailableError (answered 503 with
 * Retry-After), whichever database raised them. Anything else (the adapter's own verdicts, and defects,
 * which must surface as 500 rather than as an outage clients retry forever) passes as it is.
 */
export function guardStore(store: Store, isDriverError: (error: unknown) => boolean): Store {
  const guarded: Record<string, unknown> = { kind: store.kind };
  for (const [name, method] of Object.entries(store)) {
    if (typeof method !== "function") continue;
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        if (!isDriverError(error)) throw error;
        throw new StoreUnavailableError(`Store operation ${name} failed: ${(error as Error)?.message}`, {
          cause: error,
        });
      }
    };
  }
  return guarded as unknown as Store;
}

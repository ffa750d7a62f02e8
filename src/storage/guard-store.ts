import { type Store, StoreConflictError, StoreNotFoundError, StoreUnavailableError } from "./store.js";

const isStoreVerdict = (error: unknown) =>
  error instanceof StoreConflictError || error instanceof StoreNotFoundError;

/**
 * Wraps an adapter so that every driver failure leaves it as StoreUnavailableError (answered 503 with
 * Retry-After), whichever database raised it; the adapter's own verdicts (conflict, not found) pass as they are.
 */
export function guardStore(store: Store): Store {
  const guarded: Record<string, unknown> = { kind: store.kind };
  for (const [name, method] of Object.entries(store)) {
    if (typeof method !== "function") continue;
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        if (isStoreVerdict(error)) throw error;
        throw new StoreUnavailableError(`Store operation ${name} failed: ${(error as Error)?.message}`, {
          cause: error,
        });
      }
    };
  }
  return guarded as unknown as Store;
}

import type { Store } from "./store.js";

/** One of a store's methods, as a decorator sees it. */
export type StoreMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * A store whose every method is `wrap(name, method)`: the one way the decorators above the adapters (the
 * driver-error guard, the deadline) put themselves around each call.
 */
export function wrapStoreMethods(
  store: Store,
  wrap: (name: string, method: StoreMethod) => StoreMethod,
): Store {
  const wrapped: Record<string, unknown> = { kind: store.kind };
  for (const [name, method] of Object.entries(store)) {
    if (typeof method === "function") wrapped[name] = wrap(name, method as StoreMethod);
  }
  return wrapped as unknown as Store;
}

import { guardStore } from "../guard-store.js";
import type { Store } from "../store.js";
import { serialiseCalls } from "./serialise-calls.js";
import { classifySqliteError } from "./sqlite-errors.js";
import { createSqliteStore } from "./sqlite-store.js";

/**
 * The SQLite store as the service runs it on its thread: its calls one at a time, and its driver's errors
 * classified where they are raised, so that they cross the thread as the store's own errors.
 */
export function createGuardedSqliteStore(path: string): Store {
  return guardStore(serialiseCalls(createSqliteStore(path)), classifySqliteError);
}

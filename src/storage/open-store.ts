import { guardStore } from "./guard-store.js";
import { isSqliteDriverError } from "./sqlite/sqlite-connection.js";
import { createSqliteStore } from "./sqlite/sqlite-store.js";
import type { Store } from "./store.js";

/** Picks the adapter from `DATABASE_URL`: a file path (or `sqlite:` URL) is SQLite. */
export function openStore(databaseUrl: string): Store {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error("PostgreSQL is not supported yet: set DATABASE_URL to a SQLite file path");
  }
  return guardStore(createSqliteStore(databaseUrl.replace(/^sqlite:(\/\/)?/, "")), isSqliteDriverError);
}

import { type Config, loadConfig } from "../config.js";
import { openStore } from "../storage/open-store.js";
import type { Store } from "../storage/store.js";

/** What a command gets: its arguments, output streams, and the store named by `DATABASE_URL`. */
export interface CliContext {
  args: string[];
  out: (line: string) => void;
  config: Config;
  /** Opened (and migrated) on first use, so `--help` needs no database. */
  store(): Promise<Store>;
}

export function createCliContext(
  args: string[],
  out: (line: string) => void,
): CliContext & { close(): Promise<void> } {
  const config = loadConfig();
  let store: Promise<Store> | undefined;
  return {
    args,
    out,
    config,
    store: () => {
      store ??= openStore(config.databaseUrl, { poolSize: 2 });
      return store;
    },
    close: async () => (await store)?.close(),
  };
}

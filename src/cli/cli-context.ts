import type { Config } from "../config.js";
import type { Store } from "../storage/store.js";

/** What a command gets: its output, the settings, and the store named by `DATABASE_URL`. */
export interface CliContext {
  out: (line: string) => void;
  config: Config;
  /** Opened (and migrated) on first use, so that a command that fails its checks needs no database. */
  store(): Promise<Store>;
}

export async function createCliContext(
  out: (line: string) => void,
): Promise<CliContext & { close(): Promise<void> }> {
  // Loaded only when a command runs: `--help` and a wrong command line need neither settings nor storage.
  const [{ loadConfig }, { openStore }] = await Promise.all([
    import("../config.js"),
    import("../storage/open-store.js"),
  ]);
  const config = loadConfig();
  let store: Promise<Store> | undefined;
  return {
    out,
    config,
    store: () => {
      store ??= openStore(config.databaseUrl, { poolSize: 2 });
      return store;
    },
    close: async () => (await store)?.close(),
  };
}

/**
 * A command's action: `run` gets a context, whose store is closed when it is done. The settings are read
 * only here, once the command line has been parsed, so that `--help` reads none.
 */
export function withCliContext<Args extends unknown[]>(
  run: (ctx: CliContext, ...args: Args) => Promise<void>,
) {
  return async (...args: Args): Promise<void> => {
    const ctx = await createCliContext((line) => process.stdout.write(`${line}\n`));
    try {
      await run(ctx, ...args);
    } finally {
      await ctx.close();
    }
  };
}

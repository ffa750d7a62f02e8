import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { openStore } from "../../../../src/storage/open-store.js";
import { type ServerProcess, startServer } from "../../../../test/helpers/server-process.js";
import { createKey, createTempDir } from "../../../../test/helpers/test-app.js";
import { type ClientOptions, OrderIntakeClient } from "../../src/index.js";

/** Settings every service of these tests runs with: erasures carried out soon, and a quick SIGTERM. */
const SERVICE_ENV = { ERASURE_POLL_MS: "100", SHUTDOWN_DELAY_MS: "0" };
const START_ATTEMPTS = 5;
const START_RETRY_MS = 300;

/** A database in a temp dir, with an API key and the organisations it may (and may not) act for. */
export interface SeededDatabase {
  dbPath: string;
  keyId: string;
  secret: string;
  remove(): void;
}

/**
 * Creates the database: every organisation enabled and named `<trkref> Ltd`; the key may act for `allowed`
 * only, so that `others` exist but are refused to it.
 */
export async function seedDatabase(allowed: string[], others: string[] = []): Promise<SeededDatabase> {
  const dir = createTempDir("order-intake-client-");
  const dbPath = join(dir.path, "orders.db");
  const store = await openStore(dbPath);
  try {
    for (const trkref of [...allowed, ...others]) {
      await store.createOrganisation({ trkref, name: `${trkref} Ltd`, enabled: true });
    }
    const { keyId, secret } = await createKey(store, allowed);
    return { dbPath, keyId, secret, remove: dir.remove };
  } finally {
    await store.close();
  }
}

/** The service on a seeded database, and clients of it with the key. */
export interface ClientService {
  seeded: SeededDatabase;
  server: ServerProcess;
  /** A client of this service with the key; `options` override the defaults (retries, timeout, fetch). */
  client(options?: Partial<ClientOptions>): OrderIntakeClient;
  /** Kills the service and removes the database. */
  stop(): Promise<void>;
}

/** Seeds a database and starts the built service on it, with `env` added to its settings. */
export async function startClientService(
  allowed: string[],
  options: { others?: string[]; env?: Record<string, string> } = {},
): Promise<ClientService> {
  const seeded = await seedDatabase(allowed, options.others);
  let server: ServerProcess;
  try {
    server = await startService(seeded.dbPath, options.env);
  } catch (error) {
    seeded.remove();
    throw error;
  }
  return {
    seeded,
    server,
    client: (overrides = {}) => clientOf(server.url, seeded, overrides),
    async stop() {
      server.kill("SIGKILL");
      await server.waitForExit();
      seeded.remove();
    },
  };
}

/** A client of the service at `baseUrl` with the seeded key. */
export function clientOf(
  baseUrl: string,
  seeded: Pick<SeededDatabase, "keyId" | "secret">,
  overrides: Partial<ClientOptions> = {},
): OrderIntakeClient {
  return new OrderIntakeClient({ baseUrl, keyId: seeded.keyId, secret: seeded.secret, ...overrides });
}

/** Starts the service on `dbPath` with the settings of these tests and `env`. */
export function startService(dbPath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServer(dbPath, { ...SERVICE_ENV, ...env });
}

/**
 * Starts the service again on the port of `url`, as a restarted service would come back. The port of a
 * process just killed may not be free again at once, so a start that fails on it is tried a few times.
 */
export async function restartOnPort(
  dbPath: string,
  url: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = new URL(url).port;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startService(dbPath, { ...env, PORT: port });
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !String(error).includes("EADDRINUSE")) throw error;
      await sleep(START_RETRY_MS);
    }
  }
}

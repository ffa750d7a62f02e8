import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { RouteOptions } from "fastify";
import { buildApp } from "../../src/app.js";
import { type Config, loadConfig } from "../../src/config.js";
import { createProcessor } from "../../src/processing/processor.js";
import { issueCredential } from "../../src/storage/api-credentials.js";
import { openStore } from "../../src/storage/open-store.js";
import type { Store } from "../../src/storage/store.js";

/** A fresh directory under the system temp dir, removed by `remove()`. */
export function createTempDir(prefix = "order-intake-test-") {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** `Authorization` header value for HTTP Basic. */
export const basicAuth = (keyId: string, secret: string) =>
  `Basic ${Buffer.from(`${keyId}:${secret}`).toString("base64")}`;

/** Creates an organisation (enabled unless told) and a key for the given trkrefs; returns the header. */
export async function createOrgAndKey(store: Store, trkref: string, options: { enabled?: boolean } = {}) {
  if (!(await store.findOrganisation(trkref))) {
    await store.createOrganisation({ trkref, name: `${trkref} Ltd`, enabled: options.enabled ?? true });
  }
  return createKey(store, [trkref]);
}

export async function createKey(store: Store, trkrefs: string[]) {
  const credential = issueCredential();
  await store.createApiKey({ id: credential.keyId, secretHash: credential.secretHash, trkrefs });
  return { ...credential, authorization: basicAuth(credential.keyId, credential.secret) };
}

/**
 * The real app on a real SQLite file in a temp dir (or on `databasePath`, to reopen a file), with
 * organisation ACME enabled and a key for it, and no per-key rate limit unless `env` sets one. `now` replaces
 * the clock, `onRoute` hears of every route registered, and `backlogCountIntervalMs` sets how often the
 * backlog ceiling counts the store. Logs are kept in `logLines()` for tests that check what a log may not
 * contain.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: {
    now?: () => Date;
    databasePath?: string;
    onRoute?: (route: RouteOptions) => void;
    backlogCountIntervalMs?: number;
    keyUseWriteIntervalMs?: number;
  } = {},
) {
  const dir = createTempDir();
  const databasePath = options.databasePath ?? join(dir.path, "orders.db");
  // Tests send far more requests per key than a merchant may; those about the limit turn it back on.
  const config: Config = loadConfig({
    DATABASE_URL: databasePath,
    LOG_LEVEL: "info",
    RATE_LIMIT_PER_SECOND: "0",
    ...env,
  });
  const store = await openStore(config.databaseUrl);
  const logStream = new PassThrough();
  const lines: string[] = [];
  logStream.on("data", (chunk: Buffer) => lines.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
  const intake = await buildApp({
    config,
    store,
    logStream,
    ...(options.now && { now: options.now }),
    ...(options.onRoute && { onRoute: options.onRoute }),
    ...(options.backlogCountIntervalMs && { backlogCountIntervalMs: options.backlogCountIntervalMs }),
    ...(options.keyUseWriteIntervalMs && { keyUseWriteIntervalMs: options.keyUseWriteIntervalMs }),
  });
  const processor = createProcessor({
    store,
    log: intake.app.log,
    batchSize: 100,
    pollMs: 1000,
    // As `serve` runs it: orders are invited under the installation's policy (INVITATIONS_ENABLED and the rest).
    invitations: config.invitations,
    onProcessed: (count) => intake.backlog.recordProcessed(count),
  });
  const acme = await createOrgAndKey(store, "ACME");
  return {
    ...intake,
    config,
    store,
    dir: dir.path,
    acme,
    /** Applies every accepted submission now, as the background processor would. */
    processAll: () => processor.drain(),
    logLines: () => lines,
    async close() {
      await intake.app.close();
      await store.close();
      dir.remove();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

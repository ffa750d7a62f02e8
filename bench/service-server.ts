/**
 * The service under load, in its own process: the real app, on a no-op store ("no-store") or on the store
 * that DATABASE_URL names, with the processor in the same process as `order-intake serve` runs it. Seeds
 * an enabled organisation BENCH and prints a key for it.
 */
import type * as App from "../src/app.js";
import type * as Config from "../src/config.js";
import type * as Processing from "../src/processing/processor.js";
import type * as Credentials from "../src/storage/api-credentials.js";
import type * as Storage from "../src/storage/open-store.js";
import { createNoopStore } from "./noop-store.js";

// The service as it runs in production: the build (`npm run bench` builds first), not the sources through
// the TypeScript loader, which adds work of its own to every call of some functions.
const built = (path: string) => import(new URL(`../dist/${path}`, import.meta.url).href);
const { buildApp } = (await built("app.js")) as typeof App;
const { loadConfig } = (await built("config.js")) as typeof Config;
const { issueCredential } = (await built("storage/api-credentials.js")) as typeof Credentials;
const { createProcessor } = (await built("processing/processor.js")) as typeof Processing;
const { openStore } = (await built("storage/open-store.js")) as typeof Storage;

// One key sends the whole load: its rate limit is set far above it, so the limiter's cost is measured
// without its refusals.
const config = loadConfig({
  RATE_LIMIT_PER_SECOND: "100000000",
  RATE_LIMIT_BURST: "100000000",
  ...process.env,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
const store =
  process.env.BENCH_TARGET === "no-store"
    ? createNoopStore()
    : await openStore(config.databaseUrl, { poolSize: config.databasePoolSize });
let wake = () => {};
const { app, backlog } = await buildApp({ config, store, onSubmissionsCommitted: () => wake() });
if (process.env.BENCH_TARGET !== "no-store" && config.runProcessor) {
  const processor = createProcessor({
    store,
    log: app.log,
    batchSize: config.processorBatchSize,
    pollMs: 1000,
    onProcessed: (count) => backlog.recordProcessed(count),
  });
  wake = () => processor.wake();
  processor.start();
}
if (!(await store.findOrganisation("BENCH"))) {
  await store.createOrganisation({ trkref: "BENCH", name: "Benchmark", enabled: true });
}
const credential = issueCredential();
await store.createApiKey({ id: credential.keyId, secretHash: credential.secretHash, trkrefs: ["BENCH"] });
const url = await app.listen({ host: "127.0.0.1", port: 0 });
const authorization = `Basic ${Buffer.from(`${credential.keyId}:${credential.secret}`).toString("base64")}`;
process.stdout.write(`${JSON.stringify({ msg: `Server listening at ${url}`, authorization })}\n`);
process.on("SIGTERM", () =>
  app
    .close()
    .then(() => store.close())
    .then(() => process.exit(0)),
);

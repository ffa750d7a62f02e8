/**
 * The service under load, in its own process: the real app, on a no-op store ("no-store") or on the store
 * that DATABASE_URL names, with the processor in the same process as `order-intake serve` runs it. Seeds
 * an enabled organisation BENCH and prints a key for it.
 */
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { issueCredential } from "../src/domain/api-credentials.js";
import { createProcessor } from "../src/processing/processor.js";
import { openStore } from "../src/storage/open-store.js";
import { createNoopStore } from "./noop-store.js";

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
const { app } = await buildApp({ config, store, onSubmissionsCommitted: () => wake() });
if (process.env.BENCH_TARGET !== "no-store" && config.runProcessor) {
  const processor = createProcessor({
    store,
    log: app.log,
    batchSize: config.processorBatchSize,
    pollMs: 1000,
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

/**
 * The service under load, in its own process: the real app, on a no-op store ("no-store") or on the store
 * that DATABASE_URL names, with the processor in the same process as `order-intake serve` runs it. Seeds
 * an enabled organisation BENCH and prints a key for it.
 */
import type * as App from "../src/app.js";
import type * as Config from "../src/config.js";
import type * as Processing from "../src/processing/processor.js";
import type * as Deliveries from "../src/processing/webhook-deliverer.js";
import type * as Endpoints from "../src/processing/webhook-endpoint-input.js";
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
const { createWebhookDeliverer, webhookSettings } = (await built(
  "processing/webhook-deliverer.js",
)) as typeof Deliveries;
const { addWebhookEndpoint } = (await built("processing/webhook-endpoint-input.js")) as typeof Endpoints;

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
if (!(await store.findOrganisation("BENCH"))) {
  await store.createOrganisation({ trkref: "BENCH", name: "Benchmark", enabled: true });
}
// The outbound side's measurement: an endpoint of BENCH on the benchmark's receiver.
if (process.env.BENCH_WEBHOOK_URL) {
  const input = { url: process.env.BENCH_WEBHOOK_URL, eventTypes: null, description: null };
  await addWebhookEndpoint(store, { trkref: "BENCH", input, at: new Date().toISOString() });
}
if (process.env.BENCH_TARGET !== "no-store" && config.runProcessor) {
  // As `order-intake serve` runs them: the processor (scheduling review invitations unless INVITATIONS_ENABLED
  // is false), and the deliverer it wakes when it records events.
  const deliverer = createWebhookDeliverer({ store, log: app.log, settings: webhookSettings(config) });
  const processor = createProcessor({
    store,
    log: app.log,
    batchSize: config.processorBatchSize,
    maxBatchSize: config.processorMaxBatchSize,
    pollMs: 1000,
    invitations: config.invitations,
    onProcessed: (count) => backlog.recordProcessed(count),
    onReport: (report) => {
      if (report.events > 0) deliverer.wake();
    },
  });
  wake = () => processor.wake();
  processor.start();
  deliverer.start();
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

/**
 * `node --import tsx bench/processing-rate.ts`: how fast the store applies a backlog on its own, without
 * intake or HTTP. Commits `BENCH_BACKLOG` submissions of the API reference's example order in three shapes
 * (every submission a new order; 500 orders submitted again and again, as the batch load sends them; one
 * order submitted again and again, as the single load sends it), then times `processPendingSubmissions`
 * until nothing is pending, for each batch size in `BENCH_PROCESSOR_BATCH_SIZES`. PostgreSQL at
 * `BENCH_POSTGRES_URL` (a fresh schema each time, dropped after), or SQLite in a temp dir with
 * `BENCH_STORE=sqlite`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { exampleOrder } from "../src/domain/order-example.js";
import { DEFAULT_ORDER_LIMITS } from "../src/domain/order-limits.js";
import { newRecordId } from "../src/domain/record-id.js";
import { validateOrder } from "../src/domain/validate-order.js";
import { openStore } from "../src/storage/open-store.js";
import type { NewSubmission, Store } from "../src/storage/store.js";

const backlog = Number(process.env.BENCH_BACKLOG ?? 20_000);
const batchSizes = (process.env.BENCH_PROCESSOR_BATCH_SIZES ?? "200,1000").split(",").map(Number);
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const COMMIT_SIZE = 500;

const shapes = {
  "a new order each": (n: number) => `NEW-${n}`,
  "500 orders again and again": (n: number) => `B-${n % 500}`,
  "one order again and again": () => "ONE",
} satisfies Record<string, (n: number) => string>;

const validated = validateOrder(exampleOrder("BENCH"), DEFAULT_ORDER_LIMITS, {
  pathTrkref: "BENCH",
  today: new Date(),
});
if (!validated.ok) throw new Error("the example order does not validate");
const template = validated.order;

/** A fresh, empty store, and how to remove it. */
async function freshStore(): Promise<{ store: Store; remove: () => Promise<void> }> {
  if (process.env.BENCH_STORE === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "order-intake-processing-"));
    const store = await openStore(join(dir, "bench.db"));
    return { store, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `bench_processing_${Date.now()}`;
  const store = await openStore(`${postgresUrl}${postgresUrl.includes("?") ? "&" : "?"}schema=${schema}`);
  const remove = async () => {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  };
  return { store, remove };
}

async function commitBacklog(store: Store, orderRef: (n: number) => string): Promise<void> {
  for (let first = 0; first < backlog; first += COMMIT_SIZE) {
    const submissions: NewSubmission[] = Array.from(
      { length: Math.min(COMMIT_SIZE, backlog - first) },
      (_, i) => ({
        id: newRecordId(),
        keyId: "oik_bench",
        order: { ...template, order_ref: orderRef(first + i) },
        raw: "{}",
        acceptedAt: new Date().toISOString(),
      }),
    );
    await store.commitIntake([{ submissions }]);
  }
}

for (const [shape, orderRef] of Object.entries(shapes)) {
  for (const batchSize of batchSizes) {
    const { store, remove } = await freshStore();
    try {
      await store.createOrganisation({ trkref: "BENCH", name: "Benchmark", enabled: true });
      await commitBacklog(store, orderRef);
      const started = performance.now();
      let applied = 0;
      for (;;) {
        const { taken } = await store.processPendingSubmissions(batchSize);
        if (taken === 0) break;
        applied += taken;
      }
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `${store.kind}, ${shape}, batches of ${batchSize}: ${applied} in ${seconds.toFixed(2)} s, ` +
          `${Math.round(applied / seconds)} submissions/s\n`,
      );
    } finally {
      await store.close();
      await remove();
    }
  }
}

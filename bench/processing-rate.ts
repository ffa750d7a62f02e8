/**
 * `node --import tsx bench/processing-rate.ts`: how fast the store applies a backlog on its own, without
 * intake or HTTP. Commits `BENCH_BACKLOG` submissions of the API reference's example order, dated today, in
 * three shapes (every submission a new order; 500 orders submitted again and again, as the batch load sends
 * them; one order submitted again and again, as the single load sends it), then times
 * `processPendingSubmissions` until nothing is pending, for each batch size in `BENCH_PROCESSOR_BATCH_SIZES`,
 * with review invitations scheduled and without (`BENCH_INVITATIONS`: `both`, `on` or `off`). PostgreSQL at
 * `BENCH_POSTGRES_URL` (a fresh schema each time, dropped after), or SQLite in a temp dir with
 * `BENCH_STORE=sqlite`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { BUILT_IN_INVITATION_POLICY } from "../src/domain/invitation-policy.js";
import { DEFAULT_ORDER_LIMITS } from "../src/domain/order-limits.js";
import { newRecordId } from "../src/domain/record-id.js";
import { validateOrder } from "../src/domain/validate-order.js";
import type { InvitationSettings } from "../src/storage/invitation-store.js";
import { openStore } from "../src/storage/open-store.js";
import type { NewSubmission, Store } from "../src/storage/store.js";
import { recentExampleOrder } from "./recent-order.js";

const backlog = Number(process.env.BENCH_BACKLOG ?? 20_000);
const batchSizes = (process.env.BENCH_PROCESSOR_BATCH_SIZES ?? "200,1000").split(",").map(Number);
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const COMMIT_SIZE = 500;

const shapes = {
  "a new order each": (n: number) => `NEW-${n}`,
  "500 orders again and again": (n: number) => `B-${n % 500}`,
  "one order again and again": () => "ONE",
} satisfies Record<string, (n: number) => string>;

/** Scheduling off (no settings, as for an installation without invitations) and on (the built-in policy). */
const invitationModes = {
  off: undefined,
  on: { defaults: BUILT_IN_INVITATION_POLICY, reviewLink: null },
} satisfies Record<string, InvitationSettings | undefined>;
type InvitationMode = keyof typeof invitationModes;
const modeSetting = process.env.BENCH_INVITATIONS ?? "both";
if (!["both", "on", "off"].includes(modeSetting))
  throw new Error("BENCH_INVITATIONS must be both, on or off");
const modes: InvitationMode[] = modeSetting === "both" ? ["off", "on"] : [modeSetting as InvitationMode];

const today = new Date();
const validated = validateOrder(
  recentExampleOrder("BENCH", "TEMPLATE", "template@example.com", today),
  DEFAULT_ORDER_LIMITS,
  { pathTrkref: "BENCH", today },
);
if (!validated.ok) throw new Error("the example order, dated today, does not validate");
const template = validated.order;
/** Each order ref its customer of its own, so that each new order's invitation is scheduled, not skipped. */
const orderOf = (orderRef: string) => ({
  ...template,
  order_ref: orderRef,
  customer: { ...template.customer, email: `${orderRef}@example.com` },
});

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
        order: orderOf(orderRef(first + i)),
        raw: "{}",
        acceptedAt: new Date().toISOString(),
      }),
    );
    await store.commitIntake([{ submissions }]);
  }
}

/** What one run applied, how long it took, and what scheduling wrote. */
interface RunFigures {
  applied: number;
  seconds: number;
  invitations: number;
  events: number;
  /** Invitations written as skipped: a sign that the orders did not qualify, and scheduling was not measured. */
  skipped: boolean;
}

/** Applies a fresh backlog of one shape in batches of `batchSize`, with or without invitation settings. */
async function measureRun(
  orderRef: (n: number) => string,
  batchSize: number,
  invitations: InvitationSettings | undefined,
): Promise<{ kind: string; figures: RunFigures }> {
  const { store, remove } = await freshStore();
  try {
    await store.createOrganisation({ trkref: "BENCH", name: "Benchmark", enabled: true });
    await commitBacklog(store, orderRef);
    const options = invitations ? { invitations } : {};
    const figures = { applied: 0, seconds: 0, invitations: 0, events: 0, skipped: false };
    const started = performance.now();
    // Every batch but the last takes at least one submission: at most `backlog` batches and the empty one.
    for (let batch = 0; batch <= backlog; batch++) {
      const report = await store.processPendingSubmissions(batchSize, options);
      if (report.taken === 0) break;
      figures.applied += report.taken;
      figures.invitations += report.invitations;
      figures.events += report.events;
    }
    figures.seconds = (performance.now() - started) / 1000;
    const skipped = await store.listInvitations({ trkref: "BENCH", status: "skipped", limit: 1 });
    figures.skipped = skipped.length > 0;
    return { kind: store.kind, figures };
  } finally {
    await store.close();
    await remove();
  }
}

let combination = 0;
for (const [shape, orderRef] of Object.entries(shapes)) {
  for (const batchSize of batchSizes) {
    // Alternate which mode runs first, so that drift of the machine does not always favour the same one.
    const order = combination++ % 2 === 0 ? modes : [...modes].reverse();
    const rates = new Map<InvitationMode, number>();
    for (const mode of order) {
      const { kind, figures } = await measureRun(orderRef, batchSize, invitationModes[mode]);
      const rate = figures.applied / figures.seconds;
      rates.set(mode, rate);
      process.stdout.write(
        `${kind}, ${shape}, batches of ${batchSize}, invitations ${mode}: ${figures.applied} in ` +
          `${figures.seconds.toFixed(2)} s, ${Math.round(rate)} submissions/s ` +
          `(${figures.invitations} invitations written, ${figures.events} events)\n`,
      );
      if (figures.skipped)
        process.stderr.write("  some invitations were skipped: scheduling was not measured\n");
    }
    const on = rates.get("on");
    const off = rates.get("off");
    if (on !== undefined && off !== undefined) {
      process.stdout.write(
        `  ${shape}, batches of ${batchSize}: invitations on / off ${(on / off).toFixed(2)}\n`,
      );
    }
  }
}

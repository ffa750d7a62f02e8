/**
 * What scheduling review invitations costs on the single-submission path: per store, the service as it runs
 * by default (invitations on) beside the same with `INVITATIONS_ENABLED=false`, each in a fresh process on a
 * database of its own, measured in the same rounds, alternating, with processing measured alongside.
 */
import { type LoadResult, measure } from "./load.js";
import { freshPostgresSchema, type PostgresSchema } from "./postgres-schema.js";
import { measureWithProcessing, type ProcessingFigures, waitForBacklog } from "./processing.js";
import { recentExampleOrder } from "./recent-order.js";
import { benchmarkTargets, type RunningTarget, type Target } from "./targets.js";

export type InvitationMode = "on" | "off";
const MODES: InvitationMode[] = ["on", "off"];

/** The runs of one side of a pair. */
export interface InvitationRuns {
  loads: LoadResult[];
  processing: ProcessingFigures[];
}

/** One store's pair, and what its invitation listings showed once the runs were over. */
export interface InvitationSchedulingFigures {
  runs: Record<InvitationMode, InvitationRuns>;
  check: string;
}

const SINGLE_PATH = "/v4/organisations/BENCH/customer_order";
// Each request a new order, dated today, of a customer of its own: each is given a scheduled invitation
// (with the example order's 2021 dates, or one customer for all, invitations would be skipped).
const body = JSON.stringify(recentExampleOrder("BENCH", "[<id>]", "b-[<id>]@example.com", new Date()));

interface Settings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
}

const newOrders = (target: RunningTarget, settings: Settings, durationSeconds: number) =>
  measure({
    url: target.url,
    path: SINGLE_PATH,
    authorization: target.authorization,
    body,
    connections: settings.connections,
    durationSeconds,
    expectedStatus: 202,
    distinctIds: true,
  });

/** How many of BENCH's invitations (of one status) the target lists, looking at one page of one. */
async function listed(target: RunningTarget, status?: string): Promise<number> {
  const query = status ? `?status=${status}&limit=1` : "?limit=1";
  const answer = await fetch(`${target.url}/v4/organisations/BENCH/invitations${query}`, {
    headers: { authorization: target.authorization },
  });
  if (!answer.ok) throw new Error(`listing invitations answered ${answer.status}`);
  return ((await answer.json()) as { data: unknown[] }).data.length;
}

/** Whether the on side scheduled (and skipped none) and the off side wrote no invitation. */
async function checkPair(running: Record<InvitationMode, RunningTarget>): Promise<string> {
  const scheduled = (await listed(running.on, "scheduled")) > 0;
  const skipped = (await listed(running.on, "skipped")) > 0;
  const offWrote = (await listed(running.off)) > 0;
  const on =
    scheduled && !skipped ? "scheduled, none skipped" : `scheduled: ${scheduled}, some skipped: ${skipped}`;
  return `invitations on: ${on}; off: ${offWrote ? "some written (not expected)" : "none written"}`;
}

async function measurePair(
  name: string,
  targets: Record<InvitationMode, Target>,
  settings: Settings,
): Promise<InvitationSchedulingFigures> {
  const running: Partial<Record<InvitationMode, RunningTarget>> = {};
  try {
    for (const mode of MODES) running[mode] = await targets[mode].start();
    const started = running as Record<InvitationMode, RunningTarget>;
    for (const mode of MODES) {
      await newOrders(started[mode], settings, settings.warmupSeconds);
      await waitForBacklog(started[mode]);
    }
    const runs: Record<InvitationMode, InvitationRuns> = {
      on: { loads: [], processing: [] },
      off: { loads: [], processing: [] },
    };
    for (let round = 0; round < settings.rounds; round++) {
      // Alternate which side runs first, so that neither always has the first or the last slot.
      for (const mode of round % 2 === 0 ? MODES : [...MODES].reverse()) {
        const target = started[mode];
        const measured = await measureWithProcessing(target, 1, () =>
          newOrders(target, settings, settings.durationSeconds),
        );
        runs[mode].loads.push(measured.load);
        runs[mode].processing.push(measured.processing);
        process.stderr.write(
          `invitations round ${round + 1} ${name} ${mode}: ${Math.round(measured.load.requestsPerSecond)} req/s\n`,
        );
      }
    }
    return { runs, check: await checkPair(started) };
  } finally {
    for (const target of Object.values(running)) await target.stop();
  }
}

const sqliteTarget = (env: Record<string, string>) =>
  benchmarkTargets(undefined, env).find((t) => t.name === "sqlite") as Target;
const postgresTarget = (schema: PostgresSchema, env: Record<string, string>) =>
  benchmarkTargets(schema.url, env).find((t) => t.name === "postgres") as Target;

// Set on both sides, so that an INVITATIONS_ENABLED in the benchmark's environment cannot make the pair alike.
const ENV: Record<InvitationMode, Record<string, string>> = {
  on: { INVITATIONS_ENABLED: "true" },
  off: { INVITATIONS_ENABLED: "false" },
};

/**
 * Measures the pair on each store of `BENCH_INVITATION_STORES` (`sqlite,postgres`); PostgreSQL only when
 * `withPostgres`, each side on a fresh schema, dropped afterwards.
 */
export async function measureInvitationScheduling(
  withPostgres: boolean,
  settings: Settings,
): Promise<Map<string, InvitationSchedulingFigures>> {
  const figures = new Map<string, InvitationSchedulingFigures>();
  const stores = (process.env.BENCH_INVITATION_STORES ?? "sqlite,postgres").split(",");
  if (stores.includes("sqlite")) {
    const targets = { on: sqliteTarget(ENV.on), off: sqliteTarget(ENV.off) };
    figures.set("sqlite", await measurePair("sqlite", targets, settings));
  }
  if (withPostgres && stores.includes("postgres")) {
    const schemas: PostgresSchema[] = [];
    try {
      const on = await freshPostgresSchema("bench_invitations_on");
      if (on) schemas.push(on);
      const off = await freshPostgresSchema("bench_invitations_off");
      if (off) schemas.push(off);
      if (on && off) {
        const targets = { on: postgresTarget(on, ENV.on), off: postgresTarget(off, ENV.off) };
        figures.set("postgres", await measurePair("postgres", targets, settings));
      }
    } finally {
      for (const schema of schemas) await schema.drop();
    }
  }
  return figures;
}

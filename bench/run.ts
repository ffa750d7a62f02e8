/**
 * `npm run bench`: the throughput benchmark. Starts each target in its own process, then measures them in
 * alternating rounds (so that machine drift hits all alike) with a fixed number of keep-alive connections,
 * and writes a Markdown report under bench/results/. Loopback only; every run is bounded in time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { exampleOrder } from "../src/domain/order-example.js";
import { measureImport } from "./import.js";
import { importSection } from "./import-report.js";
import { measureInvitationScheduling } from "./invitation-scheduling.js";
import { type LoadResult, measure, median } from "./load.js";
import { measureOutbound } from "./outbound.js";
import { freshPostgresSchema } from "./postgres-schema.js";
import { cpuPerRequest, cpuTimes } from "./process-cpu.js";
import { measureWithProcessing, type ProcessingFigures, readMetric, waitForBacklog } from "./processing.js";
import { reportFile, writeReport } from "./report.js";
import { benchmarkTargets, peakRss, type RunningTarget, type Target } from "./targets.js";

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings = {
  connections: setting("BENCH_CONNECTIONS", 64),
  durationSeconds: setting("BENCH_DURATION_S", 5),
  warmupSeconds: setting("BENCH_WARMUP_S", 3),
  rounds: setting("BENCH_ROUNDS", 3),
  batchSize: setting("BENCH_BATCH_SIZE", 500),
  batchConnections: setting("BENCH_BATCH_CONNECTIONS", 4),
};
const SINGLE_PATH = "/v4/organisations/BENCH/customer_order";
const singleBody = JSON.stringify(exampleOrder("BENCH"));
const batchBody = JSON.stringify(
  Array.from({ length: settings.batchSize }, (_, n) => ({ ...exampleOrder("BENCH"), order_ref: `B-${n}` })),
);

/** The target's commit-size histogram so far (sum and count), read from its /metrics. */
async function commitSizes(target: RunningTarget): Promise<{ sum: number; count: number }> {
  return {
    sum: await readMetric(target, "order_intake_commit_batch_size_sum"),
    count: await readMetric(target, "order_intake_commit_batch_size_count"),
  };
}

/** Each target's peak resident set so far, in bytes, where the system tells it. */
const peakRssOf = (running: Map<string, RunningTarget>) =>
  new Map([...running].map(([name, target]) => [name, peakRss(target.pid)] as const));

const single = (target: RunningTarget, durationSeconds: number, overallRate?: number) =>
  measure({
    url: target.url,
    path: SINGLE_PATH,
    authorization: target.authorization,
    body: singleBody,
    connections: settings.connections,
    durationSeconds,
    expectedStatus: 202,
    ...(overallRate && { overallRate }),
  });

async function main(): Promise<void> {
  const postgres = await freshPostgresSchema("bench");
  const targets = benchmarkTargets(postgres?.url);
  const running = new Map<string, RunningTarget>();
  for (const target of targets) running.set(target.name, await target.start());
  const get = (name: string) => running.get(name) as RunningTarget;
  try {
    for (const target of targets) {
      await single(get(target.name), settings.warmupSeconds);
      if (target.durable) await waitForBacklog(get(target.name));
    }
    const before = new Map(
      await Promise.all(
        targets.filter((t) => t.durable).map(async (t) => [t.name, await commitSizes(get(t.name))] as const),
      ),
    );

    const singles = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
    const cpu = new Map<string, { processUs: number; mainUs: number }[]>();
    // Per durable target and load: what intake took and what processing applied meanwhile and after.
    const processing = new Map<string, ProcessingFigures[]>();
    const recordProcessing = (key: string, figures: ProcessingFigures) =>
      processing.set(key, [...(processing.get(key) ?? []), figures]);
    /** One load on a target; on a durable one with its processing measured, then its backlog drained. */
    const run = async (target: Target, key: string, perRequest: number, load: () => Promise<LoadResult>) => {
      if (!target.durable) return load();
      const measured = await measureWithProcessing(get(target.name), perRequest, load);
      recordProcessing(`${target.name} / ${key}`, measured.processing);
      return measured.load;
    };
    for (let round = 0; round < settings.rounds; round++) {
      // Rotate the order each round, so that no target always runs first or last.
      const order = targets.map((_, i) => targets[(i + round) % targets.length]);
      for (const target of order) {
        if (!target) continue;
        const before = cpuTimes(get(target.name).pid);
        const result = await run(target, "single, unpaced", 1, () =>
          single(get(target.name), settings.durationSeconds),
        );
        singles.get(target.name)?.push(result);
        // Over the load and, for a durable target, the wait for its backlog: each order's processing included.
        const used = cpuPerRequest(before, cpuTimes(get(target.name).pid), result.answered);
        if (used) cpu.set(target.name, [...(cpu.get(target.name) ?? []), used]);
        process.stderr.write(
          `round ${round + 1} ${target.name}: ${Math.round(result.requestsPerSecond)} req/s\n`,
        );
      }
    }
    const rssAfterSingles = peakRssOf(running);
    const perCommit = new Map<string, number>();
    for (const target of targets.filter((t) => t.durable)) {
      const after = await commitSizes(get(target.name));
      const start = before.get(target.name) ?? { sum: 0, count: 0 };
      perCommit.set(target.name, (after.sum - start.sum) / Math.max(1, after.count - start.count));
    }

    // Latency at half of each durable target's peak, against bare at the same rate, in rounds that
    // alternate which of the two runs first: one run's p99 moves by tens of ms with the machine.
    const halfRate = new Map<string, { serviceP99Ms: number; bareP99Ms: number; rate: number }>();
    for (const target of targets.filter((t) => t.durable)) {
      const rate = Math.round(median((singles.get(target.name) ?? []).map((r) => r.requestsPerSecond)) / 2);
      const service: number[] = [];
      const bare: number[] = [];
      const measureService = async () =>
        service.push(
          (
            await run(target, "single, half the peak rate", 1, () =>
              single(get(target.name), settings.durationSeconds, rate),
            )
          ).p99Ms,
        );
      const measureBare = async () =>
        bare.push((await single(get("bare"), settings.durationSeconds, rate)).p99Ms);
      for (let round = 0; round < settings.rounds; round++) {
        for (const measureOne of round % 2 ? [measureBare, measureService] : [measureService, measureBare]) {
          await measureOne();
        }
      }
      halfRate.set(target.name, { serviceP99Ms: median(service), bareP99Ms: median(bare), rate });
    }

    const batches = new Map<string, LoadResult[]>();
    for (let round = 0; round < settings.rounds; round++) {
      for (const target of targets.filter((t) => t.service)) {
        const running = get(target.name);
        const result = await run(target, `batches of ${settings.batchSize}`, settings.batchSize, () =>
          measure({
            url: running.url,
            path: "/v4/customer_orders",
            authorization: running.authorization,
            body: batchBody,
            connections: settings.batchConnections,
            durationSeconds: settings.durationSeconds,
            expectedStatus: 202,
          }),
        );
        batches.set(target.name, [...(batches.get(target.name) ?? []), result]);
        process.stderr.write(
          `batch round ${round + 1} ${target.name}: ${Math.round(result.answeredPerSecond * settings.batchSize)} orders/s\n`,
        );
      }
    }

    const rssAfterBatches = peakRssOf(running);

    // Invitation scheduling and the outbound side on fresh processes, the others stopped: they would share
    // the machine's cores (and, for the outbound side, the PostgreSQL schema's deliveries).
    for (const target of running.values()) await target.stop();
    running.clear();
    const invitations = await measureInvitationScheduling(postgres !== undefined, settings);
    const outbound = await measureOutbound(postgres?.url, settings);
    // Last, on its own service process: a failed import costs its section, not the run's report.
    const imported = await measureImport().then(importSection, (error: Error) => {
      process.stderr.write(`import not measured: ${error.message}\n`);
      return ["## CSV import", "", `Not measured: ${error.message}`, ""];
    });

    const report = writeReport({
      settings,
      singles,
      cpu,
      peakRss: { afterSingles: rssAfterSingles, afterBatches: rssAfterBatches },
      perCommit,
      halfRate,
      batches,
      processing,
      invitations,
      outbound,
    }).concat("\n", imported.join("\n"));
    mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
    const stores = targets
      .filter((t) => t.service)
      .map((t) => t.name)
      .join("-");
    const file = reportFile(`${new Date().toISOString().slice(0, 10)}-${stores}`);
    writeFileSync(file, report);
    process.stdout.write(`${report}\nReport written to ${file.pathname}\n`);
  } finally {
    for (const target of running.values()) await target.stop();
    await postgres?.drop();
  }
}

await main();

import { existsSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { goalsSection } from "./goals-report.js";
import { invitationSection } from "./invitation-report.js";
import type { InvitationSchedulingFigures } from "./invitation-scheduling.js";
import { type LoadResult, loadGenerator, median } from "./load.js";
import type { OutboundFigures } from "./outbound.js";
import type { ProcessingFigures } from "./processing.js";
import { processingSummary, round } from "./summaries.js";

export interface BenchmarkFigures {
  settings: Record<string, number>;
  singles: Map<string, LoadResult[]>;
  /** By target: CPU microseconds per answered request of each single-submission run (its processing included), all threads and main thread. */
  cpu: Map<string, { processUs: number; mainUs: number }[]>;
  /** Each target's peak resident set (bytes) after the single-submission rounds, and after the batches. */
  peakRss: { afterSingles: Map<string, number | undefined>; afterBatches: Map<string, number | undefined> };
  perCommit: Map<string, number>;
  /** By durable target: the median p99 of its runs at half its peak rate, and of bare's at the same rate. */
  halfRate: Map<string, { serviceP99Ms: number; bareP99Ms: number; rate: number }>;
  batches: Map<string, LoadResult[]>;
  /** By "target / load": intake and processing of each run of that load. */
  processing: Map<string, ProcessingFigures[]>;
  /** By store: the default service against the same with invitations off, under new, recent orders. */
  invitations: Map<string, InvitationSchedulingFigures>;
  /** By durable target: webhook deliveries against intake at saturation. */
  outbound: Map<string, OutboundFigures>;
}

const medianOf = (results: LoadResult[] | undefined, pick: (r: LoadResult) => number) =>
  median((results ?? []).map(pick));

/** The machine a report's figures were measured on. */
export const machineLine = () =>
  `Machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}.`;

const MAX_REPORTS_A_DAY = 1000;

/** `results/<name>.md`, or `<name>-2.md` and so on: a second run of a day never overwrites the first's report. */
export function reportFile(name: string): URL {
  for (let n = 1; n <= MAX_REPORTS_A_DAY; n++) {
    const file = new URL(`./results/${name}${n === 1 ? "" : `-${n}`}.md`, import.meta.url);
    if (!existsSync(file)) return file;
  }
  throw new Error(`${MAX_REPORTS_A_DAY} reports named ${name} already: remove some from results/`);
}

/** The Markdown report: machine, settings, every figure, and the ratios the targets are stated in. */
/** Which generator made the figures, and what that means for comparing them with another run's. */
function describeLoadGenerator(): string {
  return loadGenerator === "wrk"
    ? "wrk (Debian's package, a process of its own) at full speed, autocannon for the runs at a fixed rate"
    : "autocannon in the benchmark's process (wrk is not installed: its ratios are compressed by the " +
        "generator's own use of a core, and are not comparable with a run under wrk)";
}

export function writeReport(figures: BenchmarkFigures): string {
  const { singles, settings } = figures;
  const rps = (name: string) => medianOf(singles.get(name), (r) => r.requestsPerSecond);
  const bare = rps("bare");
  const limit = rps("limit");
  const noStore = rps("no-store");
  const mebibytes = (bytes: number | undefined) => (bytes === undefined ? "–" : round(bytes / 2 ** 20));
  const cpuOf = (name: string, pick: (c: { processUs: number; mainUs: number }) => number) => {
    const runs = figures.cpu.get(name);
    return runs?.length ? round(median(runs.map(pick))) : "–";
  };
  const lines = [
    `# Benchmark, ${new Date().toISOString().slice(0, 10)}`,
    "",
    machineLine(),
    `Load: ${describeLoadGenerator()} on loopback, ${settings.connections} keep-alive connections, ` +
      `${settings.warmupSeconds} s warm-up per target, ${settings.rounds} rounds of ${settings.durationSeconds} s, targets alternating; medians. ` +
      "Body: the example order of the API reference. The load generator shares the machine's cores with the target.",
    "Targets: `bare`, a plain Fastify route (the ceiling of the HTTP round trip); `no-store`, the service on a " +
      "store that keeps nothing; `limit`, a minimal durable pipeline (a cached credential, four field checks, " +
      "group commit on a SQLite thread with WAL and synchronous=FULL, answered after the commit, processed " +
      "into an orders table on the same thread); `sqlite` and `postgres`, the service as `order-intake serve` runs it.",
    "",
    ...goalsSection(figures),
    "## Single submission",
    "",
    "The peak RSS of each target's process (VmHWM) is read after these rounds, and again after the batches. " +
      "CPU per request: the target process's CPU time (all its threads, and its main thread, the event loop) " +
      "over each run and, for a durable target, the wait for its backlog after it, per request answered: what " +
      "one order costs the target's process, its processing included; the load generator's is not in it, nor, " +
      "for postgres, the database server's.",
    "",
    "| target | req/s (median) | p50 ms | p99 ms | / bare | / limit | / no-store | failures | CPU µs / request | of it, main thread | peak RSS MiB | after batches |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...[...singles.keys()].map((name) => {
      const results = singles.get(name);
      const value = rps(name);
      const failures = (results ?? []).reduce((sum, r) => sum + r.failures, 0);
      return `| ${name} | ${round(value)} | ${round(
        medianOf(results, (r) => r.p50Ms),
        1,
      )} | ${round(
        medianOf(results, (r) => r.p99Ms),
        1,
      )} | ${(value / bare).toFixed(2)} | ${(value / limit).toFixed(2)} | ${(value / noStore).toFixed(2)} | ${failures} | ${cpuOf(
        name,
        (c) => c.processUs,
      )} | ${cpuOf(name, (c) => c.mainUs)} | ${mebibytes(
        figures.peakRss.afterSingles.get(name),
      )} | ${mebibytes(figures.peakRss.afterBatches.get(name))} |`;
    }),
    "",
    "## Submissions per commit (at saturation)",
    "",
    ...[...figures.perCommit].map(([name, mean]) => `- ${name}: ${mean.toFixed(1)} on average`),
    "",
    "## Latency at half of the peak rate",
    "",
    `Medians over ${settings.rounds} runs of each, the target and bare alternating which runs first.`,
    "",
    "| target | rate (req/s) | p99 ms | bare p99 ms at that rate | difference ms |",
    "|---|---|---|---|---|",
    ...[...figures.halfRate].map(
      ([name, { serviceP99Ms, bareP99Ms, rate }]) =>
        `| ${name} | ${round(rate)} | ${round(serviceP99Ms, 1)} | ${round(bareP99Ms, 1)} | ${round(serviceP99Ms - bareP99Ms, 1)} |`,
    ),
    "",
    `## Batches of ${settings.batchSize}`,
    "",
    `${settings.batchConnections} connections, ${settings.rounds} rounds of ${settings.durationSeconds} s.`,
    "",
    "| target | orders/s (median) | batch p99 ms | failures |",
    "|---|---|---|---|",
    ...[...figures.batches].map(([name, results]) => {
      const ordersPerSecond = medianOf(results, (r) => r.answeredPerSecond) * (settings.batchSize ?? 0);
      const failures = results.reduce((sum, r) => sum + r.failures, 0);
      return `| ${name} | ${round(ordersPerSecond)} | ${round(
        medianOf(results, (r) => r.p99Ms),
        1,
      )} | ${failures} |`;
    }),
    "",
    ...processingSection(figures.processing),
    ...invitationSection(figures.invitations, settings),
    ...outboundSection(figures.outbound, settings),
  ];
  return lines.join("\n");
}

/**
 * Whether processing keeps up with intake: a store whose processor applies less than intake accepts builds
 * a backlog without bound under sustained load (until the backlog ceiling refuses submissions).
 */
function processingSection(processing: Map<string, ProcessingFigures[]>): string[] {
  return [
    "## Processing against intake",
    "",
    "Orders accepted and orders applied per second while each load ran (the processor in the same process, " +
      "sharing its cores with intake and the load generator), the backlog when the load ended, and how fast " +
      "the processor applied that backlog once the load had stopped; medians over the runs. Sustained: the " +
      "rate at which the target takes orders with its processing keeping up, the lesser of accepted and " +
      "applied in each run (a load above it grows the backlog until `MAX_BACKLOG` refuses submissions).",
    "",
    "| target / load | accepted orders/s | applied orders/s | applied / accepted | sustained orders/s | backlog at end of each run | drain orders/s | left after 60 s |",
    "|---|---|---|---|---|---|---|---|",
    ...[...processing].map(([key, runs]) => {
      const f = processingSummary(runs);
      const backlogs = runs.map((run) => round(run.backlogAtEnd)).join(" / ");
      return `| ${key} | ${round(f.accepted)} | ${round(f.applied)} | ${(f.applied / Math.max(f.accepted, 1)).toFixed(2)} | ${round(
        f.sustained,
      )} | ${backlogs} | ${f.drain === undefined ? "–" : round(f.drain)} | ${round(f.leftOver)} |`;
    }),
    "",
  ];
}

/**
 * Whether webhook delivery keeps up with intake: a fresh process per store, one endpoint on a receiver in a
 * process of its own, the single-submission load unpaced with a new order per request (one event each).
 */
function outboundSection(outbound: Map<string, OutboundFigures>, settings: Record<string, number>): string[] {
  return [
    "## Webhooks against intake",
    "",
    `One endpoint on a local receiver (its own process, answering 200 at once); ${settings.connections} connections, ` +
      `one run of ${settings.durationSeconds} s of single submissions, each a new order (one order.created each). ` +
      "Delivered: distinct events that reached the receiver while the load ran; lag: from an event's created_at " +
      "(its processing transaction) to its arrival, over every event of the run.",
    "",
    "| store | accepted orders/s | delivered events/s | delivered / accepted | undelivered at end | caught up after s | lag p50 ms | lag p99 ms | never arrived |",
    "|---|---|---|---|---|---|---|---|---|",
    ...[...outbound].map(
      ([name, f]) =>
        `| ${name} | ${round(f.acceptedPerSecond)} | ${round(f.deliveredPerSecond)} | ${(f.deliveredPerSecond / Math.max(f.acceptedPerSecond, 1)).toFixed(2)} | ${round(f.undeliveredAtEnd)} | ${round(f.catchUpSeconds, 1)} | ${round(f.lagP50Ms)} | ${round(f.lagP99Ms)} | ${round(f.leftOver)} |`,
    ),
    "",
  ];
}

import { cpus, totalmem } from "node:os";
import { type LoadResult, median } from "./load.js";

export interface BenchmarkFigures {
  settings: Record<string, number>;
  singles: Map<string, LoadResult[]>;
  perCommit: Map<string, number>;
  halfRate: Map<string, { service: LoadResult; bare: LoadResult; rate: number }>;
  batches: Map<string, LoadResult[]>;
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits)).toLocaleString("en-GB");
const medianOf = (results: LoadResult[] | undefined, pick: (r: LoadResult) => number) =>
  median((results ?? []).map(pick));

/** The Markdown report: machine, settings, every figure, and the ratios the targets are stated in. */
export function writeReport(figures: BenchmarkFigures): string {
  const { singles, settings } = figures;
  const rps = (name: string) => medianOf(singles.get(name), (r) => r.requestsPerSecond);
  const bare = rps("bare");
  const noStore = rps("no-store");
  const lines = [
    `# Benchmark, ${new Date().toISOString().slice(0, 10)}`,
    "",
    `Machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}.`,
    `Load: autocannon in the benchmark's process on loopback, ${settings.connections} keep-alive connections, ` +
      `${settings.warmupSeconds} s warm-up per target, ${settings.rounds} rounds of ${settings.durationSeconds} s, targets alternating; medians. ` +
      "Body: the example order of the API reference. The load generator shares the machine's cores with the target.",
    "",
    "## Single submission",
    "",
    "| target | req/s (median) | p50 ms | p99 ms | / bare | / no-store | failures |",
    "|---|---|---|---|---|---|---|",
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
      )} | ${(value / bare).toFixed(2)} | ${(value / noStore).toFixed(2)} | ${failures} |`;
    }),
    "",
    "## Submissions per commit (at saturation)",
    "",
    ...[...figures.perCommit].map(([name, mean]) => `- ${name}: ${mean.toFixed(1)} on average`),
    "",
    "## Latency at half of the peak rate",
    "",
    "| target | rate (req/s) | p99 ms | bare p99 ms at that rate | difference ms |",
    "|---|---|---|---|---|",
    ...[...figures.halfRate].map(
      ([name, { service, bare: ceiling, rate }]) =>
        `| ${name} | ${round(rate)} | ${round(service.p99Ms, 1)} | ${round(ceiling.p99Ms, 1)} | ${round(service.p99Ms - ceiling.p99Ms, 1)} |`,
    ),
    "",
    `## Batches of ${settings.batchSize}`,
    "",
    `${settings.batchConnections} connections, ${settings.rounds} rounds of ${settings.durationSeconds} s.`,
    "",
    "| target | orders/s (median) | batch p99 ms | failures |",
    "|---|---|---|---|",
    ...[...figures.batches].map(([name, results]) => {
      const ordersPerSecond = medianOf(results, (r) => r.requestsPerSecond) * (settings.batchSize ?? 0);
      const failures = results.reduce((sum, r) => sum + r.failures, 0);
      return `| ${name} | ${round(ordersPerSecond)} | ${round(
        medianOf(results, (r) => r.p99Ms),
        1,
      )} | ${failures} |`;
    }),
    "",
  ];
  return lines.join("\n");
}

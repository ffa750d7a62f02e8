/**
 * `npm run bench:import`: the CSV import end to end, as a merchant runs it. Generates a file of
 * BENCH_IMPORT_ROWS rows, runs the built `order-intake import` on it as a process of its own, first with
 * --dry-run (validation only), then for real against the service on SQLite in another process, and waits
 * for the service's processing to drain what the import left. Prints a Markdown section and writes it under
 * bench/results/. Loopback only; every wait has a deadline.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { writeImportFile } from "./import-file.js";
import { runImportCommand, showRejects } from "./import-process.js";
import { type ImportBenchSettings, type ImportFigures, importSection } from "./import-report.js";
import { readBacklog, readMetric, waitForBacklog } from "./processing.js";
import { machineLine, reportFile } from "./report.js";
import { peakRss, type RunningTarget, startProcess } from "./targets.js";

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const importBenchSettings = (): ImportBenchSettings => ({
  rows: setting("BENCH_IMPORT_ROWS", 1_000_000),
  batchSize: setting("BENCH_IMPORT_BATCH_SIZE", 500),
  concurrency: setting("BENCH_IMPORT_CONCURRENCY", 2),
  timeoutSeconds: setting("BENCH_IMPORT_TIMEOUT_S", 1800),
  drainSeconds: setting("BENCH_IMPORT_DRAIN_S", 600),
});

const IMPORT_COMMAND = new URL("../dist/cli/commands/import-command.js", import.meta.url);

/** Reads the backlog each second until stopped, for at most `limitSeconds`; `stop` gives the largest seen. */
function sampleBacklog(service: RunningTarget, limitSeconds: number): { stop(): Promise<number> } {
  const stopped = new AbortController();
  const until = performance.now() + limitSeconds * 1000;
  let peak = 0;
  // Settles with the first failed reading rather than rejecting, so that no rejection waits unhandled.
  const sampling = (async () => {
    while (!stopped.signal.aborted && performance.now() < until) {
      peak = Math.max(peak, await readBacklog(service));
      await sleep(1000, undefined, { signal: stopped.signal }).catch(() => {});
    }
  })().then(
    () => undefined,
    (error: unknown) => error ?? new Error("a reading of the backlog failed"),
  );
  return {
    stop: async () => {
      stopped.abort();
      const failure = await sampling;
      if (failure !== undefined) throw failure;
      return peak;
    },
  };
}

/** Writes the file into `dir`, runs the dry run and the import into `service`, and waits for processing. */
async function importAndDrain(
  service: RunningTarget,
  dir: string,
  settings: ImportBenchSettings,
): Promise<ImportFigures> {
  const file = await writeImportFile(join(dir, "orders.csv"), settings.rows);
  process.stderr.write(`import: ${file.rows} rows, ${file.orders} orders, ${file.bytes} bytes\n`);
  const rejects = join(dir, "rejects.csv");
  const options = ["--batch-size", `${settings.batchSize}`, "--concurrency", `${settings.concurrency}`];
  const command = (extra: string[]) =>
    runImportCommand(
      file.path,
      service,
      [...options, "--rejects", rejects, ...extra],
      settings.timeoutSeconds,
    );
  const dryRun = await command(["--dry-run"]);
  // The command's deadline, and the time it is given to stop, bound the sampling.
  const sampler = sampleBacklog(service, settings.timeoutSeconds + 30);
  const run = await command([]).catch(async (error: unknown) => {
    await sampler.stop().catch(() => {}); // the import's failure is the one worth reporting
    throw error;
  });
  const peakBacklog = await sampler.stop();
  if (run.summary.rejected > 0) showRejects(rejects);
  const backlogAtEnd = await readBacklog(service);
  const backlogRefusals = await readMetric(service, "order_intake_backlog_refusals_total");
  const drain = await waitForBacklog(service, settings.drainSeconds);
  return {
    settings,
    file,
    dryRun,
    run,
    servicePeakRssBytes: peakRss(service.pid),
    backlogAtEnd,
    peakBacklog: Math.max(peakBacklog, backlogAtEnd),
    backlogRefusals,
    drainSeconds: drain.seconds,
    leftOver: drain.leftOver,
  };
}

/** Starts the service on SQLite in a directory of its own, measures the import; removes what it wrote. */
export async function measureImport(settings = importBenchSettings()): Promise<ImportFigures> {
  if (!existsSync(IMPORT_COMMAND)) throw new Error("the import command is not built (npm run build)");
  const dir = mkdtempSync(join(tmpdir(), "order-intake-bench-import-"));
  let service: RunningTarget | undefined;
  try {
    service = await startProcess("service-server.ts", { DATABASE_URL: join(dir, "bench.db") }, () => {});
    return await importAndDrain(service, dir, settings);
  } finally {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const figures = await measureImport();
  const day = new Date().toISOString().slice(0, 10);
  const report = [`# Import benchmark, ${day}`, "", machineLine(), "", ...importSection(figures)].join("\n");
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const file = reportFile(`${day}-import`);
  writeFileSync(file, report);
  process.stdout.write(`${report}\nReport written to ${file.pathname}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

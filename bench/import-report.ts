/**
 * What the import benchmark (bench/import.ts) measured, and the Markdown section it is reported in, alone
 * by `npm run bench:import` and at the end of `npm run bench`.
 */
import type { ImportSummaryJson } from "../src/cli/import/import-summary.js";
import type { ImportFile } from "./import-file.js";

/** What one benchmark of the import runs with. */
export interface ImportBenchSettings {
  rows: number;
  batchSize: number;
  concurrency: number;
  /** Longest one run of the command may take before it is interrupted. */
  timeoutSeconds: number;
  /** Longest the benchmark waits for processing to drain the backlog after the import. */
  drainSeconds: number;
}

/** One run of the command: its own summary, and its wall time as the benchmark saw it (start-up included). */
export interface ImportRun {
  summary: ImportSummaryJson;
  wallSeconds: number;
}

/** Everything one benchmark of the import reports. */
export interface ImportFigures {
  settings: ImportBenchSettings;
  file: ImportFile;
  dryRun: ImportRun;
  run: ImportRun;
  /** The service process's peak resident set over its whole life (VmHWM), where the system tells it. */
  servicePeakRssBytes: number | undefined;
  backlogAtEnd: number;
  peakBacklog: number;
  /** Requests the service refused with 503 overloaded because its backlog was at its ceiling. */
  backlogRefusals: number;
  drainSeconds: number;
  leftOver: number;
}

const figure = (value: number, digits = 0) => Number(value.toFixed(digits)).toLocaleString("en-GB");
const mebibytes = (bytes: number | undefined) => (bytes === undefined ? "–" : figure(bytes / 2 ** 20));

/** One pass's row of the table. */
const passRow = (name: string, { summary, wallSeconds }: ImportRun) =>
  `| ${name} | ${figure(summary.seconds, 1)} | ${figure(wallSeconds, 1)} | ${figure(summary.rows / summary.seconds)} | ` +
  `${figure(summary.orders / summary.seconds)} | ${mebibytes(summary.peak_rss_bytes)} | ${figure(summary.accepted)} | ` +
  `${figure(summary.rejected)} | ${figure(summary.duplicates)} | ${figure(summary.batches)} |`;

/** What processing did with the backlog the import left, in one line. */
function drainLine(figures: ImportFigures): string {
  if (figures.backlogAtEnd === 0) return "- Nothing was left to process when the import ended.";
  const drained = figures.leftOver === 0;
  const rate = (figures.backlogAtEnd - figures.leftOver) / Math.max(figures.drainSeconds, 0.001);
  return (
    `- Processing ${drained ? "drained" : `left ${figure(figures.leftOver)} of`} it ` +
    `${drained ? "in" : "after"} ${figure(figures.drainSeconds, 1)} s (${figure(rate)} orders/s).`
  );
}

/** The report's section: both passes side by side, then what the service did with the import. */
export function importSection(figures: ImportFigures): string[] {
  const { settings, file, run, dryRun } = figures;
  return [
    "## CSV import",
    "",
    `A generated file of ${figure(file.rows)} rows (${figure(file.orders)} orders of 1 to 4 items, ${figure(file.customers)} customers, ` +
      `every column and one metadata column; ${mebibytes(file.bytes)} MiB), imported by the built \`order-intake import\` in ` +
      `a process of its own, batches of ${settings.batchSize} orders, ${settings.concurrency} in flight, into the service on ` +
      "SQLite in another process (its processor in the same process, as `serve` runs by default). Seconds and " +
      "peak RSS are the command's own (`--json`); wall seconds include its start-up. The dry run validates only.",
    "",
    "| pass | seconds | wall s | rows/s | orders/s | peak RSS MiB | accepted | rejected | duplicates | batches |",
    "|---|---|---|---|---|---|---|---|---|---|",
    passRow("import", run),
    passRow("dry run", dryRun),
    "",
    `- The service's peak RSS (VmHWM, start to end): ${mebibytes(figures.servicePeakRssBytes)} MiB.`,
    `- Backlog when the import ended: ${figure(figures.backlogAtEnd)} submissions (at most ${figure(figures.peakBacklog)} ` +
      `seen, sampled each second); ${figure(figures.backlogRefusals)} requests refused at the backlog's ceiling.`,
    drainLine(figures),
    "",
  ];
}

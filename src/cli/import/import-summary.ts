import type { DecimalMark } from "./decimal-mark.js";

/** What an import did, counted as it went. */
export interface ImportCounts {
  /** Data rows read (the header not counted). */
  rows: number;
  /** Orders read, whatever became of them. */
  orders: number;
  /** Orders the service accepted, duplicates included. */
  accepted: number;
  /** Orders rejected, here or by the service. */
  rejected: number;
  /** Orders already sent: their batch answer was a replay, or --resume skipped their batch. */
  duplicates: number;
  /** Batches sent or skipped. */
  batches: number;
}

/** The counts and what the summary says besides them. */
export interface ImportSummary extends ImportCounts {
  seconds: number;
  dryRun: boolean;
  /** The rejects file written, if any. */
  rejectsPath: string | undefined;
}

/** An empty tally, to count into. */
export const noCounts = (): ImportCounts => ({
  rows: 0,
  orders: 0,
  accepted: 0,
  rejected: 0,
  duplicates: 0,
  batches: 0,
});

const rowsPerSecond = (summary: ImportSummary) =>
  summary.seconds > 0 ? Math.round(summary.rows / summary.seconds) : 0;

/** The one line a person reads at the end. */
export function formatSummaryLine(summary: ImportSummary): string {
  if (summary.dryRun) {
    const valid = summary.orders - summary.rejected;
    return `${valid} orders valid, ${summary.rejected} rejected (${summary.rows} rows)`;
  }
  const timing = `${summary.rows} rows in ${summary.seconds.toFixed(1)} s, ${rowsPerSecond(summary)} rows/s`;
  return (
    `${summary.accepted} orders accepted, ${summary.rejected} rejected, ${summary.duplicates} duplicates ` +
    `(${timing})`
  );
}

/** The line `--json` prints: the counts with the API's snake-case names, for programs (the benchmark reads it). */
export interface ImportSummaryJson {
  rows: number;
  orders: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  batches: number;
  seconds: number;
  rows_per_second: number;
  peak_rss_bytes: number;
  dry_run: boolean;
  rejects: string | null;
}

/** The summary as one JSON line, for --json. */
export function formatSummaryJson(summary: ImportSummary): string {
  const json: ImportSummaryJson = {
    rows: summary.rows,
    orders: summary.orders,
    accepted: summary.accepted,
    rejected: summary.rejected,
    duplicates: summary.duplicates,
    batches: summary.batches,
    seconds: Math.round(summary.seconds * 1000) / 1000,
    rows_per_second: rowsPerSecond(summary),
    // maxRSS is in kibibytes.
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    dry_run: summary.dryRun,
    rejects: summary.rejectsPath ?? null,
  };
  return JSON.stringify(json);
}

/**
 * Told on stderr after the summary when prices with a dot were refused under the default decimal comma: most
 * shop exports write "12.50", and every such row is rejected until the file's decimal mark is named.
 */
export function decimalMarkHint(dotPricesRefused: boolean, decimalMark: DecimalMark): string | undefined {
  if (decimalMark !== "," || !dotPricesRefused) return undefined;
  return 'hint: prices such as "12.50" are written with a decimal dot: run again with --decimal-mark .';
}

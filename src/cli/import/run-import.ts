import { OrderIntakeClient } from "@order-intake/client";
import type { CliError } from "../cli-error.js";
import { readCheckedOrders } from "./checked-orders.js";
import { isRefusedForDecimalDot } from "./decimal-mark.js";
import { type BatchRun, createBatchSender, type OrderHandler, rejectOrder } from "./import-batches.js";
import type { ImportCredentials, ImportSettings } from "./import-options.js";
import { type ProgressOptions, startProgress } from "./import-progress.js";
import { type FinishedBatch, openImportState } from "./import-state.js";
import {
  decimalMarkHint,
  formatSummaryJson,
  formatSummaryLine,
  type ImportCounts,
  noCounts,
} from "./import-summary.js";
import { openRejectsFile, type RejectsFile } from "./rejects-file.js";

/** What an import runs on, and where it reports. */
export interface RunImportOptions {
  settings: ImportSettings;
  /** A line of stdout: the summary. */
  out: (line: string) => void;
  /** A line of stderr: what the operator should know besides the summary. */
  note: (line: string) => void;
  progress: Omit<ProgressOptions, "label">;
  /** Aborted on Ctrl-C: reading stops, the batches in flight are waited for. */
  signal?: AbortSignal;
  /** Milliseconds on a monotonic clock, for the summary's timing and the progress; default performance.now. */
  now?: () => number;
  /** The date orders are validated on (dates far from it are refused or warned about); default today. */
  today?: Date;
  /** Told of each batch once its answer is handled and its state line written; the batch's place among
   * those in flight is held until a promise it returns settles. */
  onBatchFinished?: (batch: FinishedBatch) => void | Promise<void>;
}

/**
 * How an import ended. `error` is set when a batch failed (exit 2 for the credentials or the connection,
 * 1 otherwise): the summary has been printed, the error is for the command to throw.
 */
export interface ImportOutcome {
  exitCode: 0 | 1 | 2 | 130;
  counts: ImportCounts;
  error?: CliError;
}

/**
 * How the passes over the file ended: only checked (a dry run, or interrupted before sending), stopped by
 * --max-reject-rate, or sent.
 */
type PassesEnd = "checked" | "rate_exceeded" | "sent";

/** One pass over the file: what it counts, and what stops its reading early. */
interface Pass extends BatchRun {
  /** Set once the file has been opened and its header read. */
  opened?: boolean;
  /** Set when an order was rejected for a price whose cell, as read, holds a dot ("12.50"). */
  dotPricesRefused?: boolean;
}

/**
 * Imports the file: checks every order as the service would, writes the rejected ones to the rejects file,
 * and (unless a dry run) sends the valid ones in batches, at most `concurrency` at once, recording each
 * answered batch in the state file. A file that cannot be read is thrown (exit 2) before anything is sent;
 * from then on the summary is printed whatever happens.
 */
export async function runImport(options: RunImportOptions): Promise<ImportOutcome> {
  const { settings } = options;
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const pass: Pass = { settings, counts: noCounts(), stop: new AbortController() };
  const onSignal = () => pass.stop.abort();
  options.signal?.addEventListener("abort", onSignal, { once: true });
  if (options.signal?.aborted) onSignal();
  const printSummary = () => {
    const seconds = (now() - startedAt) / 1000;
    const summary = { ...pass.counts, seconds, dryRun: settings.dryRun, rejectsPath: settings.rejectsPath };
    options.out(settings.json ? formatSummaryJson(summary) : formatSummaryLine(summary));
  };
  try {
    const end = await importFile(pass, options);
    printSummary();
    const outcome = concludeImport(pass, end, options);
    const hint = decimalMarkHint(pass.dotPricesRefused === true, settings.decimalMark);
    if (hint !== undefined) options.note(hint);
    return outcome;
  } catch (error) {
    // What was sent before the file turned out to be unreadable is worth knowing.
    if (pass.opened) printSummary();
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onSignal);
  }
}

/** Runs the passes the settings ask for; says how they ended. */
async function importFile(pass: Pass, options: RunImportOptions): Promise<PassesEnd> {
  const { settings } = pass;
  const checkOnly: OrderHandler = { accept: async () => {}, finish: async () => {} };
  if (settings.dryRun) {
    await readOrders(pass, options, undefined, () => checkOnly);
    return "checked";
  }
  // Opened first: a state file that cannot be written, or nothing to resume, is found before any reading.
  const state = openImportState(settings.statePath, settings);
  if (settings.maxRejectRate !== undefined) {
    await readOrders(pass, options, "checking", () => checkOnly);
    const { orders, rejected } = pass.counts;
    if (pass.stop.signal.aborted) return "checked";
    if (orders > 0 && rejected / orders > settings.maxRejectRate) return "rate_exceeded";
    pass.counts = noCounts();
  }
  const credentials = settings.credentials as ImportCredentials;
  const client = new OrderIntakeClient({ baseUrl: settings.url, ...credentials });
  await readOrders(pass, options, undefined, (rejects) =>
    createBatchSender(pass, { client, state, rejects, onBatchFinished: options.onBatchFinished }),
  );
  return "sent";
}

/**
 * Reads the file once: each order is counted, a rejected one written to the rejects file, a valid one handed
 * to the handler (which may wait, holding the reading back). Reading stops early when `pass.stop` is aborted;
 * the handler finishes before the rejects file is closed, even when reading failed (a file that turns out
 * not to be CSV halfway, say), whose error is thrown after.
 */
async function readOrders(
  pass: Pass,
  options: RunImportOptions,
  label: string | undefined,
  createHandler: (rejects: RejectsFile | undefined) => OrderHandler,
): Promise<void> {
  const { settings, counts } = pass;
  const file = await readCheckedOrders(settings.file, {
    trkref: settings.trkref,
    ...(settings.delimiter !== undefined && { delimiter: settings.delimiter }),
    ...(options.today !== undefined && { today: options.today }),
    decimalMark: settings.decimalMark,
  });
  pass.opened = true;
  const rejects = settings.rejectsPath
    ? openRejectsFile(settings.rejectsPath, file.header, file.delimiter)
    : undefined;
  const handler = createHandler(rejects);
  const source = {
    totalBytes: file.totalBytes,
    bytesRead: () => file.bytesRead(),
    rowsRead: () => file.rowsRead(),
    ordersRead: () => counts.orders,
  };
  const priceIndex = file.header.indexOf("price");
  const progress = startProgress(source, { ...options.progress, ...(label !== undefined && { label }) });
  try {
    for await (const order of file.orders) {
      if (pass.stop.signal.aborted) break;
      counts.orders += 1;
      if (order.errors.length === 0) await handler.accept(order);
      else {
        rejectOrder(counts, rejects, order.rows, order.errors);
        if (isRefusedForDecimalDot(order, priceIndex)) pass.dotPricesRefused = true;
      }
    }
  } catch (error) {
    // The orders gathered so far are not sent: the file is to be fixed and imported again.
    pass.stop.abort();
    throw error;
  } finally {
    try {
      await handler.finish();
    } finally {
      progress.stop();
      counts.rows = file.rowsRead();
      await rejects?.close();
    }
  }
}

/** The exit code, after a note on stderr of what the summary alone does not say. */
function concludeImport(pass: Pass, end: PassesEnd, options: RunImportOptions): ImportOutcome {
  const { counts, settings } = pass;
  const where = settings.rejectsPath
    ? `their rows and reasons are in ${settings.rejectsPath}`
    : "add --rejects FILE to get their rows and reasons";
  if (end === "rate_exceeded") {
    const rate = `${Math.round((counts.rejected / counts.orders) * 1000) / 10}%`;
    options.note(
      `${counts.rejected} of ${counts.orders} orders (${rate}) are rejected, more than --max-reject-rate ` +
        `allows: nothing was sent; ${where}`,
    );
    return { exitCode: 1, counts };
  }
  if (pass.failure) return { exitCode: pass.failure.exitCode, counts, error: pass.failure };
  if (options.signal?.aborted) {
    options.note(interruptionNote(settings.dryRun, end));
    return { exitCode: 130, counts };
  }
  if (counts.rejected > 0) {
    options.note(`${counts.rejected} orders ${settings.dryRun ? "are" : "were"} rejected: ${where}`);
    return { exitCode: 1, counts };
  }
  return { exitCode: 0, counts };
}

function interruptionNote(dryRun: boolean, end: PassesEnd): string {
  if (dryRun) return "Interrupted: the counts are of the orders read so far";
  if (end === "checked") {
    return "Interrupted while checking the file for --max-reject-rate: nothing was sent; the counts are of the orders read so far";
  }
  return "Interrupted once the batches in flight were answered: run the same command with --resume to go on";
}

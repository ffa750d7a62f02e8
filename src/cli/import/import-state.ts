import { appendFileSync, readFileSync } from "node:fs";
import { usageError } from "../cli-error.js";

/** One batch whose answer arrived, as a line of the state file records it. */
export interface FinishedBatch {
  key: string;
  /** The run's --org and --batch-size: the batches, and so their keys, depend on both. */
  trkref: string;
  batch_size: number;
  orders: number;
  accepted: number;
  rejected: number;
  first_line: number;
  last_line: number;
}

/** The batches earlier runs finished, and the file each new one is appended to. */
export interface ImportState {
  /** The record of the batch with this idempotency key, if a run finished it (read only with --resume). */
  finished(key: string): FinishedBatch | undefined;
  /** Appends the batch's line, at once: a run stopped later still knows this batch was answered. */
  record(batch: FinishedBatch): void;
}

/** The state file, and the run that reads and appends to it. */
export interface ImportStateOptions {
  resume: boolean;
  trkref: string;
  batchSize: number;
}

/**
 * Opens (creating it) the state file at `path`. With `resume`, the file must exist, its last line must be of
 * a run with the same --org and --batch-size (another would make other batches, which no line names), and
 * its batches are looked up; without, they are only kept, since keys name batch contents and a line is never
 * wrong to keep. Creating the file up front means a path that cannot be written fails before anything is sent.
 */
export function openImportState(path: string, options: ImportStateOptions): ImportState {
  const text = readStateText(path, options.resume);
  const lines = parseStateLines(text, path);
  if (options.resume) refuseOtherRun(path, lines.at(-1), options);
  const batches = new Map(lines.map((batch) => [batch.key, batch]));
  // A run stopped in the middle of a line leaves it without its newline; the next line must not join it.
  let separator = text.length > 0 && !text.endsWith("\n") ? "\n" : "";
  try {
    appendFileSync(path, separator);
  } catch (error) {
    throw usageError(`Cannot write the state file ${path}: ${(error as Error).message}`);
  }
  return {
    finished: (key) => (options.resume ? batches.get(key) : undefined),
    record(batch) {
      appendFileSync(path, `${JSON.stringify(batch)}\n`);
      separator = "";
    },
  };
}

/** Refuses to resume a run of another organisation or batch size: every batch would be sent again. */
function refuseOtherRun(path: string, last: FinishedBatch | undefined, options: ImportStateOptions): void {
  if (last === undefined) return;
  const differences = [
    ...(last.trkref === options.trkref ? [] : [`--org ${last.trkref} (this run: ${options.trkref})`]),
    ...(last.batch_size === options.batchSize
      ? []
      : [`--batch-size ${last.batch_size} (this run: ${options.batchSize})`]),
  ];
  if (differences.length === 0) return;
  throw usageError(
    `Cannot resume: the state file ${path} is of a run with ${differences.join(" and ")}; another ` +
      "--org or --batch-size makes other batches, which would all be sent again. Resume with the same " +
      "options, or import without --resume",
  );
}

function readStateText(path: string, resume: boolean): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const missing = (error as { code?: unknown }).code === "ENOENT";
    if (missing && !resume) return "";
    if (missing) throw usageError(`Nothing to resume: there is no state file ${path} (see --state)`);
    throw usageError(`Cannot read the state file ${path}: ${(error as Error).message}`);
  }
}

/**
 * Every batch the file records. A last line without its newline may have been cut short by a crash and is
 * left out (its batch is sent again, and replayed); any other line that is not a batch means the file is not
 * a state file, and appending to it would spoil someone's file.
 */
function parseStateLines(text: string, path: string): FinishedBatch[] {
  const lines = text.split("\n");
  const complete = text.endsWith("\n") ? lines.slice(0, -1) : lines;
  const batches: FinishedBatch[] = [];
  complete.forEach((line, index) => {
    const batch = parseFinishedBatch(line);
    if (batch) batches.push(batch);
    else if (line.trim() !== "" && index < lines.length - 1) {
      throw usageError(
        `${path} is not a state file of 'order-intake import' (line ${index + 1}); see --state`,
      );
    }
  });
  return batches;
}

const COUNTS = ["batch_size", "orders", "accepted", "rejected", "first_line", "last_line"] as const;

function parseFinishedBatch(line: string): FinishedBatch | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.key !== "string" || typeof record.trkref !== "string") return undefined;
  if (!COUNTS.every((name) => Number.isSafeInteger(record[name]))) return undefined;
  return record as unknown as FinishedBatch;
}

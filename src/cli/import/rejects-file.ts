import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { usageError } from "../cli-error.js";
import type { RowError } from "./check-order.js";
import type { CsvRow } from "./csv-source.js";
import { REJECT_COLUMNS } from "./import-columns.js";

/** A CSV file of the rejected orders' rows, each with its errors, that imports again once corrected. */
export interface RejectsFile {
  /** Writes every row of a rejected order as read, each with its own errors (joined with "; "). */
  write(rows: CsvRow[], errors: RowError[]): void;
  /** Flushes and closes; resolves when everything is on disk. */
  close(): Promise<void>;
  readonly ordersWritten: number;
}

/** Written in pieces of about this size: few system calls, and constant memory however many rows. */
const FLUSH_BYTES = 64 * 1024;

const describeWriteError = (path: string, error: unknown) =>
  usageError(
    `Cannot write the rejects file ${path}: ${error instanceof Error ? error.message : String(error)}`,
  );

/**
 * Creates (or truncates) the rejects file and writes its header: the input's, plus the reject columns. A
 * corrected rejects file imported again and rejected again would otherwise carry two sets of them, so the
 * input's own reject columns are left out.
 */
export function openRejectsFile(path: string, header: string[], delimiter: string): RejectsFile {
  const ignored: ReadonlySet<string> = new Set(REJECT_COLUMNS);
  const kept = header.flatMap((name, index) => (ignored.has(name) ? [] : [index]));
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (error) {
    throw describeWriteError(path, error);
  }
  let pending: string[] = [];
  let pendingLength = 0;
  let ordersWritten = 0;
  let closed = false;
  const flush = () => {
    try {
      if (pending.length > 0) writeSync(fd, pending.join(""));
    } catch (error) {
      throw describeWriteError(path, error);
    }
    pending = [];
    pendingLength = 0;
  };
  const append = (records: string[][]) => {
    const text = stringify(records, { delimiter });
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength >= FLUSH_BYTES) flush();
  };
  // A short row is padded so that its reject columns stand under their names; a long one keeps every field.
  const cellsOf = (row: CsvRow) =>
    kept.map((index) => row.fields[index] ?? "").concat(row.fields.slice(header.length));

  append([[...kept.map((index) => header[index] ?? ""), ...REJECT_COLUMNS]]);
  return {
    write(rows, errors) {
      if (closed) throw new Error("The rejects file is closed");
      append(
        rows.map((row) => {
          const own = errors.filter((error) => error.line === row.line);
          const joined = (pick: (error: RowError) => string) => own.map(pick).join("; ");
          const line = String(row.line);
          const reject = [line, joined((e) => e.column), joined((e) => e.code), joined((e) => e.message)];
          return [...cellsOf(row), ...reject];
        }),
      );
      ordersWritten++;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        flush();
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
    get ordersWritten() {
      return ordersWritten;
    },
  };
}

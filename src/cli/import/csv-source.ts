import { createReadStream } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { pipeline, Readable } from "node:stream";
import { parse } from "csv-parse";
import { usageError } from "../cli-error.js";
import { detectFileDelimiter, parseDelimiter, readHeaderPrefix } from "./csv-delimiter.js";
import { createLineCounter, MAX_ROW_CHARACTERS } from "./csv-line-counter.js";

/** One data row of a CSV file: its fields as read, and the 1-based line where it starts (the header is 1). */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** A CSV file opened for reading: its header is read, its rows are streamed. */
export interface CsvSource {
  /** The column names as read, the byte order mark removed. */
  header: string[];
  /** The field delimiter: "," ";" or "\t". */
  delimiter: string;
  /** The file's size in bytes. */
  totalBytes: number;
  /** Bytes read from the file so far, for progress. */
  bytesRead(): number;
  /** The data rows, read once, in constant memory; empty lines are skipped. */
  rows: AsyncIterable<CsvRow>;
  /** Stops reading and releases the file, for a caller that will not read the rows to the end. */
  close(): void;
}

function describeFileError(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return error instanceof Error ? error.message : String(error);
}

const fileError = (path: string, error: unknown) =>
  usageError(`Cannot read ${path}: ${describeFileError(error)}`);

/** The file's chunks, pulled one at a time, and the bytes read so far. */
async function openChunks(path: string) {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw fileError(path, error);
  }
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    throw usageError(`Cannot read ${path}: it is not a file`);
  }
  const file = createReadStream(path, { fd: handle });
  const chunks: AsyncIterator<Buffer> = file[Symbol.asyncIterator]();
  let bytesRead = 0;
  const next = async (): Promise<Buffer | undefined> => {
    try {
      const chunk = await chunks.next();
      if (chunk.done) return undefined;
      bytesRead += chunk.value.length;
      return chunk.value;
    } catch (error) {
      throw fileError(path, error);
    }
  };
  return { size: stats.size, next, bytesRead: () => bytesRead, close: () => file.destroy() };
}

type FileChunks = Awaited<ReturnType<typeof openChunks>>;

/** Parses the prefix, then the rest of the file, into rows with their lines. */
function parseRows(path: string, file: FileChunks, prefix: Buffer[], delimiter: string) {
  async function* allChunks() {
    yield* prefix;
    for (let chunk = await file.next(); chunk !== undefined; chunk = await file.next()) yield chunk;
  }
  const lines = createLineCounter();
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_CHARACTERS,
    on_record: lines.place,
  });
  // Errors reach the reader through the parser, which the pipeline destroys with them.
  pipeline(Readable.from(allChunks(), { objectMode: false }), parser, () => file.close());
  const records: AsyncIterator<string[]> = parser[Symbol.asyncIterator]();
  const next = async (): Promise<CsvRow | undefined> => {
    try {
      const record = await records.next();
      return record.done ? undefined : { line: lines.startOf(record.value), fields: record.value };
    } catch (error) {
      throw lines.syntaxError(path, error);
    }
  };
  const stop = () => {
    parser.destroy();
    file.close();
  };
  return { next, stop, firstRecord: lines.firstRecord };
}

/**
 * Reads the header. A syntax error close to it can cost the parser the header record too (it drops what it
 * had parsed when it fails): the line counter kept it, and the error is then the rows' first.
 */
async function readHeader(path: string, rows: ReturnType<typeof parseRows>) {
  let header: string[] | undefined;
  let rowsError: unknown;
  try {
    header = (await rows.next())?.fields;
  } catch (error) {
    header = rows.firstRecord();
    rowsError = error;
    if (header === undefined) throw error;
  }
  if (header === undefined) throw usageError(`${path} is empty: its first line must name the columns`);
  // A header ending in CR while the rows end in LF alone leaves the CR on the last name.
  const names = header.map((name, index, all) =>
    index === all.length - 1 && name.endsWith("\r") ? name.slice(0, -1) : name,
  );
  return { names, rowsError };
}

/**
 * Opens a CSV file, detects its delimiter from the header line unless one is given, and reads the header.
 * Throws a usage error for a file that cannot be read or has no header; a syntax error in a later row is
 * thrown, as a usage error naming its line, by the rows' iterator.
 */
export async function openCsvSource(path: string, options: { delimiter?: string } = {}): Promise<CsvSource> {
  const chosen = options.delimiter === undefined ? undefined : parseDelimiter(options.delimiter);
  const file = await openChunks(path);
  let prefix: Buffer[];
  try {
    prefix = await readHeaderPrefix(file.next);
  } catch (error) {
    file.close();
    throw error;
  }
  const delimiter = chosen ?? detectFileDelimiter(prefix);
  const rows = parseRows(path, file, prefix, delimiter);
  let header: Awaited<ReturnType<typeof readHeader>>;
  try {
    header = await readHeader(path, rows);
  } catch (error) {
    rows.stop();
    throw error;
  }
  async function* readRows(): AsyncGenerator<CsvRow> {
    try {
      if (header.rowsError !== undefined) throw header.rowsError;
      for (let row = await rows.next(); row !== undefined; row = await rows.next()) yield row;
    } finally {
      rows.stop();
    }
  }
  return {
    header: header.names,
    delimiter,
    totalBytes: file.size,
    bytesRead: file.bytesRead,
    rows: { [Symbol.asyncIterator]: readRows },
    close: rows.stop,
  };
}

import { CsvError } from "csv-parse";
import { usageError } from "../cli-error.js";

/** Longest row, in characters: a quote never closed would otherwise hold the rest of the file in memory. */
export const MAX_ROW_CHARACTERS = 16 * 1024 * 1024;

/** Where each record starts, and where a syntax error is, in 1-based lines of the file. */
export interface LineCounter {
  /** The parser's `on_record`: notes the record's first line and returns the record unchanged. */
  place(record: string[], context: { empty_lines: number }): string[];
  /** The line where a record handed to `place` starts. */
  startOf(record: string[]): number;
  /** The file's first record, once parsed: the header. */
  firstRecord(): string[] | undefined;
  /** A csv-parse error as a usage error naming the file and the line; any other error as it is. */
  syntaxError(path: string, error: unknown): unknown;
}

/**
 * Counts lines as the parser goes, record by record, so that a syntax error is placed even when the records
 * read just before it never reach the reader (the parser drops them when it fails). The parser's own line
 * count is not used: it counts a quoted CR LF as two lines. A row spans one line plus the line breaks inside
 * its quoted fields, and the parser counts the empty lines it skips.
 */
export function createLineCounter(): LineCounter {
  let nextLine = 1;
  let emptyLines = 0;
  // csv-parse types what on_record returns as a record, so each row's line is kept beside it, not in it.
  const startLines = new WeakMap<string[], number>();
  let first: string[] | undefined;
  return {
    place(record, context) {
      first ??= record;
      const line = nextLine + (context.empty_lines - emptyLines);
      emptyLines = context.empty_lines;
      nextLine = line + 1 + countLineBreaks(record);
      startLines.set(record, line);
      return record;
    },
    startOf: (record) => startLines.get(record) ?? 0,
    firstRecord: () => first,
    syntaxError(path, error) {
      if (!(error instanceof CsvError)) return error;
      const skipped = typeof error.empty_lines === "number" ? error.empty_lines - emptyLines : 0;
      return usageError(`${path}: line ${nextLine + skipped}: ${describeCsvError(error)}`);
    },
  };
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return 'a quoted field is never closed (its closing " is missing)';
    case "INVALID_OPENING_QUOTE":
      return 'a " inside a field that does not start with one (quote the field and double the " inside it)';
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return 'a closing " is followed by something other than a delimiter or the end of the line';
    case "CSV_MAX_RECORD_SIZE":
      return `a row longer than ${MAX_ROW_CHARACTERS} characters (most likely a quote never closed)`;
    default:
      return error.message;
  }
}

/** Line breaks inside the fields (CR LF, CR or LF each count once), as a text editor counts lines. */
function countLineBreaks(fields: string[]): number {
  let breaks = 0;
  for (const field of fields) {
    if (!field.includes("\n") && !field.includes("\r")) continue;
    for (let index = 0; index < field.length; index++) {
      const code = field.charCodeAt(index);
      if (code === 10) breaks++;
      else if (code === 13) {
        breaks++;
        if (field.charCodeAt(index + 1) === 10) index++;
      }
    }
  }
  return breaks;
}

import { readFileSync, statSync } from "node:fs";
import type { FieldError } from "../../domain/field-errors.js";
import { MAX_EMAIL_LENGTH } from "../../domain/field-readers.js";
import { type CustomerList, readCustomerValues } from "../../processing/erasure-input.js";
import { CliError, usageError } from "../cli-error.js";
import { MAX_FILE_LINES } from "./erase-commands.js";

/**
 * The customers an `erase` or `suppress` command names: `--email` (repeated), `--customer-ref` (repeated)
 * or `--file` (one email a line), read with the rules the API reads them with. No message quotes a value:
 * a wrong one is named by its option and place, or by its line.
 */

/** Lines a `--file` may have: its requests (of MAX_ERASURE_SUBJECTS each) run one after the other. */
// Longer than a file of that many longest emails (with CRLF) can be: refused before it is read whole.
const MAX_FILE_BYTES = MAX_FILE_LINES * (MAX_EMAIL_LENGTH * 4 + 2);
const MAX_ERRORS_SHOWN = 20;

/** The options that name customers. */
export interface CustomerOptions {
  email?: string[];
  customerRef?: string[];
  file?: string;
}

/** Exactly one of `--email`, `--customer-ref` (unless `takesRefs` is false) and `--file`, checked. */
export function readCustomerOptions(
  options: CustomerOptions,
  rule: { maxRefLength: number; takesRefs: boolean },
): CustomerList {
  const given = [
    options.email && "--email",
    options.customerRef && "--customer-ref",
    options.file !== undefined && "--file",
  ].filter(Boolean);
  const choices = rule.takesRefs ? "--email, --customer-ref or --file" : "--email or --file";
  if (given.length !== 1) throw usageError(`Name the customers with one of ${choices}`);
  if (options.customerRef && !rule.takesRefs) throw usageError(`Name the customers with ${choices}`);
  if (options.file !== undefined) return readEmailFile(options.file);
  const [kind, values, option] = options.email
    ? (["email", options.email, "--email"] as const)
    : (["customer_ref", options.customerRef ?? [], "--customer-ref"] as const);
  const reading = readCustomerValues(kind, values, "", rule);
  if (reading.ok) return reading.list;
  // The pointer is the value's index among the option's values: "--email 2" is the second one given.
  const where = (error: FieldError) => `${option} ${Number(error.pointer.slice(1)) + 1}`;
  throw usageError(describe(reading.errors, where));
}

/**
 * The emails of a file, one a line; blank lines and the spaces around each line are ignored. At most
 * MAX_FILE_LINES lines; every wrong line is reported (the first few shown) and nothing is done.
 */
function readEmailFile(path: string): CustomerList {
  let text: string;
  try {
    if (statSync(path).size > MAX_FILE_BYTES) {
      throw new CliError(`${path} is larger than a file of ${MAX_FILE_LINES} emails can be`);
    }
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
  const lines = text.split(/\r?\n/);
  if (text.endsWith("\n")) lines.pop();
  if (lines.length > MAX_FILE_LINES) {
    throw usageError(`${path} has ${lines.length} lines; at most ${MAX_FILE_LINES}: split it`);
  }
  const lineNumbers: number[] = [];
  const emails: string[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    emails.push(line.trim());
    lineNumbers.push(index + 1);
  });
  if (emails.length === 0) throw usageError(`${path} holds no email`);
  const reading = readCustomerValues("email", emails, "", { maxRefLength: 0 });
  if (reading.ok) return reading.list;
  const where = (error: FieldError) => `${path} line ${lineNumbers[Number(error.pointer.slice(1))]}`;
  throw usageError(describe(reading.errors, where));
}

/** The first errors, each where it is, and how many more there are. */
function describe(errors: FieldError[], where: (error: FieldError) => string): string {
  const shown = errors.slice(0, MAX_ERRORS_SHOWN).map((error) => `${where(error)}: ${error.message}`);
  const more = errors.length - shown.length;
  return [...shown, ...(more > 0 ? [`… and ${more} more`] : [])].join("\n");
}

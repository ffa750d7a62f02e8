import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { refuseSecret, usageError } from "../cli-error.js";
import { checkTrkref } from "../commands/trkref-argument.js";
import { parseWholeNumber } from "../option-values.js";
import { parseDelimiter } from "./csv-delimiter.js";
import { DEFAULT_DECIMAL_MARK, type DecimalMark } from "./decimal-mark.js";

/** The options of `order-intake import`, as the command line gives them. */
export interface ImportCommandOptions {
  org: string;
  url?: string;
  key?: string;
  secretFile?: string;
  delimiter?: string;
  decimalMark?: string;
  batchSize: string;
  concurrency: string;
  dryRun?: boolean;
  resume?: boolean;
  state?: string;
  rejects?: string;
  maxRejectRate?: string;
  json?: boolean;
}

/** An API key id and its secret. */
export interface ImportCredentials {
  keyId: string;
  secret: string;
}

/** Everything an import needs, checked. */
export interface ImportSettings {
  file: string;
  trkref: string;
  url: string;
  /** Absent only on a dry run, which sends nothing. */
  credentials: ImportCredentials | undefined;
  /** Absent: detected from the header line. */
  delimiter: string | undefined;
  /** How the file writes prices' decimals: "," (the document's own) or ".", converted before checking. */
  decimalMark: DecimalMark;
  batchSize: number;
  concurrency: number;
  dryRun: boolean;
  resume: boolean;
  statePath: string;
  rejectsPath: string | undefined;
  /** A fraction from 0 to 1. */
  maxRejectRate: number | undefined;
  json: boolean;
}

export const DEFAULT_URL = "http://localhost:3000";
export const BATCH_SIZE = { min: 1, max: 1000, default: 500 } as const;
export const CONCURRENCY = { min: 1, max: 16, default: 2 } as const;

/** Checks the options and reads the environment: exit 2 for anything wrong, before any file is read. */
export function parseImportOptions(
  file: string,
  options: ImportCommandOptions,
  env: NodeJS.ProcessEnv = process.env,
): ImportSettings {
  checkTrkref(options.org);
  const dryRun = options.dryRun === true;
  const resume = options.resume === true;
  if (dryRun && resume) throw usageError("--dry-run sends nothing and writes no state: it cannot --resume");
  if (dryRun && options.maxRejectRate !== undefined) {
    throw usageError(
      "--dry-run sends nothing, so --max-reject-rate has nothing to hold back: the dry run's summary gives " +
        "the rejected orders; leave out one of the two",
    );
  }
  const statePath = options.state ?? `${file}.import-state`;
  refuseSamePath(statePath, file, "--state names the file being imported");
  if (options.rejects !== undefined) {
    refuseSamePath(options.rejects, file, "--rejects names the file being imported");
    refuseSamePath(options.rejects, statePath, "--rejects names the state file (see --state)");
  }
  return {
    file,
    trkref: options.org,
    url: parseUrl(options.url ?? nonEmpty(env.ORDER_INTAKE_URL) ?? DEFAULT_URL),
    credentials: readCredentials(options, env, dryRun),
    delimiter: options.delimiter === undefined ? undefined : parseDelimiter(options.delimiter),
    decimalMark:
      options.decimalMark === undefined ? DEFAULT_DECIMAL_MARK : parseDecimalMark(options.decimalMark),
    batchSize: parseWholeNumber(options.batchSize, "--batch-size", BATCH_SIZE.min, BATCH_SIZE.max),
    concurrency: parseWholeNumber(options.concurrency, "--concurrency", CONCURRENCY.min, CONCURRENCY.max),
    dryRun,
    resume,
    statePath,
    rejectsPath: options.rejects,
    maxRejectRate: options.maxRejectRate === undefined ? undefined : parseRate(options.maxRejectRate),
    json: options.json === true,
  };
}

const nonEmpty = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);

function refuseSamePath(path: string, other: string, message: string): void {
  if (resolve(path) === resolve(other)) throw usageError(message);
}

/**
 * An http or https URL without a user name or password: the API key is the only credential, and a password
 * in a URL ends up in shell history and error messages. Such a URL is refused without being repeated.
 */
function parseUrl(text: string): string {
  refuseSecret(text, "a URL");
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  // Anything before an @ may be a password, even in a text that is not a URL.
  const shown = text.includes("@") ? "" : ` ${JSON.stringify(text)}`;
  if (url === undefined) throw usageError(`The service URL${shown} is not a URL (--url or ORDER_INTAKE_URL)`);
  if (url.username !== "" || url.password !== "") {
    throw usageError(
      "The service URL must not hold a user name or password (--url or ORDER_INTAKE_URL): the API key " +
        "(ORDER_INTAKE_KEY and ORDER_INTAKE_SECRET) is the only credential",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw usageError(`The service URL must start with http:// or https:// (--url or ORDER_INTAKE_URL)`);
  }
  return text;
}

/**
 * The key id from --key or ORDER_INTAKE_KEY, the secret from --secret-file or ORDER_INTAKE_SECRET: a secret
 * on the command line would be seen by anyone who lists processes, and kept in shell history.
 */
function readCredentials(
  options: ImportCommandOptions,
  env: NodeJS.ProcessEnv,
  dryRun: boolean,
): ImportCredentials | undefined {
  if (options.key !== undefined) refuseSecret(options.key, "a key id (oik_…)");
  const keyId = options.key ?? nonEmpty(env.ORDER_INTAKE_KEY);
  if (dryRun) return undefined;
  const secret =
    options.secretFile === undefined ? nonEmpty(env.ORDER_INTAKE_SECRET) : readSecretFile(options.secretFile);
  const missing = [
    ...(keyId === undefined ? ["ORDER_INTAKE_KEY (or give --key)"] : []),
    ...(secret === undefined ? ["ORDER_INTAKE_SECRET (or give --secret-file)"] : []),
  ];
  if (keyId === undefined || secret === undefined) {
    throw usageError(
      `No credentials to send orders with: set ${missing.join(" and ")}, or check the file with --dry-run`,
    );
  }
  return { keyId, secret };
}

function readSecretFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw usageError(`Cannot read the secret file ${path}: ${(error as Error).message}`);
  }
  // An editor or `echo` ends the file with a newline that is no part of the secret.
  const secret = text.trim();
  if (secret === "") throw usageError(`The secret file ${path} is empty`);
  return secret;
}

/** `,` (prices as the document writes them) or `.` (converted to it). */
function parseDecimalMark(text: string): DecimalMark {
  if (text === "," || text === ".") return text;
  throw usageError(`--decimal-mark must be "," (prices written 12,50) or "." (prices written 12.50)`);
}

/** A fraction from 0 to 1 (`0.1`) or a percentage (`10%`). */
function parseRate(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(text);
  const value = match ? Number(match[1]) / (match[2] === "%" ? 100 : 1) : Number.NaN;
  if (!(value >= 0 && value <= 1)) {
    throw usageError("--max-reject-rate must be a fraction from 0 to 1 (0.1) or a percentage (10%)");
  }
  return value;
}

import { once } from "node:events";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { type Static, Type } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { parseTimestamp } from "../../http/listing/timestamp-parameter.js";
import { MAX_ERASURE_SUBJECTS } from "../../processing/erasure-input.js";
import {
  ERASED_RECORD_KINDS,
  type ErasureLedgerQuery,
  type ErasureRequestRecord,
  type PrivacyStore,
} from "../../storage/privacy-store.js";
import { CliError } from "../cli-error.js";

/**
 * The erasure ledger outside the database: `erasure export` writes it as JSON lines (one request a line,
 * with the API's field names: ids, the subjects' kinds and keyed hashes, never an email), which the
 * operator keeps apart from the backups, and `erase --replay-since --ledger` reads it back after a restore.
 */

const LEDGER_PAGE_SIZE = 500;

/** A request as a line of the exported ledger. */
export const toLedgerLine = (request: ErasureRequestRecord) => ({
  id: request.id,
  trkref: request.trkref,
  subjects: request.subjects.map(({ kind, hash }) => ({ kind, hash })),
  requested_by: request.requestedBy,
  requested_at: request.requestedAt,
  status: request.status,
  completed_at: request.completedAt,
  counts: request.counts,
});

const Count = Type.Integer({ minimum: 0 });
const LedgerLineSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  trkref: Type.String({ minLength: 1, maxLength: 64 }),
  subjects: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal("email"), Type.Literal("customer_ref")]),
      hash: Type.String({ pattern: "^[A-Za-z0-9_-]{43}$" }),
    }),
    { minItems: 1, maxItems: MAX_ERASURE_SUBJECTS },
  ),
  requested_by: Type.String({ minLength: 1 }),
  requested_at: Type.String(),
  status: Type.Union([Type.Literal("pending"), Type.Literal("completed")]),
  completed_at: Type.Union([Type.String(), Type.Null()]),
  counts: Type.Union([
    Type.Object(Object.fromEntries(ERASED_RECORD_KINDS.map((k) => [k, Count]))),
    Type.Null(),
  ]),
});
const ledgerLine = TypeCompiler.Compile(LedgerLineSchema);
type LedgerLine = Static<typeof LedgerLineSchema>;

/** Reads the ledger a page at a time (one range of one index each), oldest first. */
async function* readDatabaseLedger(
  store: Pick<PrivacyStore, "listErasureRequests">,
  query: Omit<ErasureLedgerQuery, "after" | "limit">,
): AsyncGenerator<ErasureRequestRecord> {
  let after: ErasureLedgerQuery["after"];
  // Each page starts past the last: the loop ends with the ledger, which is finite.
  for (;;) {
    const page = await store.listErasureRequests({
      ...query,
      ...(after && { after }),
      limit: LEDGER_PAGE_SIZE,
    });
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < LEDGER_PAGE_SIZE) return;
    after = { requestedAt: last.requestedAt, id: last.id };
  }
}

/**
 * Writes the ledger (from `since`, of one organisation if given) to `output` as JSON lines, waiting for the
 * output to drain between pages; says how many requests it wrote.
 */
export async function exportLedger(
  store: Pick<PrivacyStore, "listErasureRequests">,
  query: { since?: string; trkref?: string },
  output: NodeJS.WritableStream,
): Promise<number> {
  // An output that fails (a reader that closed the pipe: `| head`) ends the export with its error, which
  // would otherwise be an unhandled 'error' event, and a wait for 'drain' that never comes.
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
  };
  output.on("error", fail);
  let written = 0;
  try {
    for await (const request of readDatabaseLedger(store, query)) {
      if (failure) throw failure;
      // Rejects if the output fails meanwhile.
      if (!output.write(`${JSON.stringify(toLedgerLine(request))}\n`)) await once(output, "drain");
      written++;
    }
  } finally {
    output.off("error", fail);
  }
  return written;
}

/** A completed request to replay: its id and trkref, and whom it named. */
export type LedgerEntry = Pick<ErasureRequestRecord, "id" | "trkref" | "subjects">;

/**
 * The completed requests made from `since` (of one organisation if given), oldest first: from an exported
 * ledger file, or from the database's own ledger, up to (not including) the requests made from `before`,
 * which are the replay's own.
 */
export async function* completedRequestsSince(
  source: { file: string } | { store: Pick<PrivacyStore, "listErasureRequests">; before: string },
  query: { since: string; trkref?: string },
): AsyncGenerator<LedgerEntry> {
  if ("file" in source) {
    // Every line is checked before the first request is replayed: a damaged file replays nothing.
    const lines = await readLedgerFile(source.file);
    for (const line of lines) {
      if (line.status !== "completed" || line.requested_at < query.since) continue;
      if (query.trkref !== undefined && line.trkref !== query.trkref) continue;
      yield { id: line.id, trkref: line.trkref, subjects: line.subjects };
    }
    return;
  }
  for await (const request of readDatabaseLedger(source.store, query)) {
    if (request.requestedAt >= source.before) return;
    if (request.status === "completed") yield request;
  }
}

/** The lines of an exported ledger, each checked, its time in the stored form (so that times compare as text). */
async function readLedgerFile(path: string): Promise<LedgerLine[]> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  const read: LedgerLine[] = [];
  let number = 0;
  try {
    for await (const text of lines) {
      number++;
      if (text.trim() === "") continue;
      const line = parseLedgerLine(text);
      if (!line) {
        throw new CliError(`${path} line ${number} is not a ledger entry as 'erasure export' writes them`);
      }
      read.push(line);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
  return read;
}

function parseLedgerLine(text: string): LedgerLine | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!ledgerLine.Check(parsed)) return undefined;
  const requestedAt = parseTimestamp(parsed.requested_at);
  return requestedAt === undefined ? undefined : { ...parsed, requested_at: requestedAt };
}

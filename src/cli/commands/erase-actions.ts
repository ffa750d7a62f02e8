/**
 * What `erase`, `erasure export`, `suppress` and `compact` do (`erase-commands.ts` defines them): loaded when
 * one of them runs, so that every other command starts without the input rules and schemas they need.
 */
import { parseTimestamp } from "../../http/listing/timestamp-parameter.js";
import {
  hashCustomers,
  MAX_ERASURE_SUBJECTS,
  recordErasureRequest,
  suppressEmails,
} from "../../processing/erasure-input.js";
import type { ErasureRequestRecord, ErasureSubject, Store } from "../../storage/store.js";
import type { CliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";
import { formatJson } from "../output.js";
import { type CustomerOptions, readCustomerOptions } from "./customer-list-options.js";
import { completedRequestsSince, exportLedger } from "./erasure-ledger.js";
import { formatErasureLine, toErasureRequestJson } from "./erasure-output.js";
import { requireOrganisation } from "./order-commands.js";
import { checkTrkref } from "./trkref-argument.js";

// Rows given hashes per call when the erasure first completes the backfill, as the erasure runner does.
const BACKFILL_BATCH = 500;

type EraseOptions = CustomerOptions & { org?: string; replaySince?: string; ledger?: string; json?: boolean };

export async function erase(ctx: CliContext, options: EraseOptions) {
  if (options.replaySince !== undefined) return replay(ctx, { ...options, replaySince: options.replaySince });
  if (options.ledger !== undefined) throw usageError("--ledger goes with --replay-since");
  if (options.org === undefined)
    throw usageError("Give --org <TRKREF>: the organisation whose customers to erase");
  checkTrkref(options.org);
  const trkref = options.org;
  const rule = { maxRefLength: ctx.config.orderLimits.maxStringLength, takesRefs: true };
  const list = readCustomerOptions(options, rule);
  await requireOrganisation(ctx, trkref);
  const store = await ctx.store();
  const subjects = await hashCustomers(store, trkref, list);
  await completeHashBackfill(store);
  // Bounded by the file's lines: at most MAX_FILE_LINES / MAX_ERASURE_SUBJECTS requests.
  for (let start = 0; start < subjects.length; start += MAX_ERASURE_SUBJECTS) {
    const done = await requestAndRun(
      store,
      trkref,
      subjects.slice(start, start + MAX_ERASURE_SUBJECTS),
      "operator",
    );
    ctx.out(options.json ? formatJson(toErasureRequestJson(done)) : formatErasureLine(done));
  }
}

/** Replays the completed requests since a time, each as a new request that names the same subjects. */
async function replay(ctx: CliContext, options: EraseOptions & { replaySince: string }) {
  if (options.email || options.customerRef || options.file !== undefined) {
    throw usageError("--replay-since replays the ledger: it takes no --email, --customer-ref or --file");
  }
  const since = parseTimestamp(options.replaySince);
  if (since === undefined)
    throw usageError("--replay-since must be an ISO 8601 time such as 2026-11-30T00:00:00Z");
  if (options.org !== undefined) checkTrkref(options.org);
  const store = await ctx.store();
  const source =
    options.ledger !== undefined ? { file: options.ledger } : { store, before: new Date().toISOString() };
  await completeHashBackfill(store);
  let replayed = 0;
  const query = { since, ...(options.org !== undefined && { trkref: options.org }) };
  for await (const entry of completedRequestsSince(source, query)) {
    const done = await requestAndRun(store, entry.trkref, entry.subjects, `replay:${entry.id}`);
    ctx.out(
      options.json ? formatJson(toErasureRequestJson(done, entry.id)) : formatErasureLine(done, entry.id),
    );
    replayed++;
  }
  if (options.json) return;
  ctx.out(
    replayed === 0
      ? `No completed erasure was requested since ${since}: nothing to replay`
      : `Replayed ${replayed} erasure request${replayed === 1 ? "" : "s"} requested since ${since}`,
  );
}

/** Records a request and runs it now; as the server's runner may have taken it first, reads it then. */
async function requestAndRun(
  store: Store,
  trkref: string,
  subjects: ErasureSubject[],
  requestedBy: string,
): Promise<ErasureRequestRecord> {
  const { id } = await recordErasureRequest(store, {
    trkref,
    subjects,
    requestedBy,
    requestedAt: new Date().toISOString(),
  });
  const done =
    (await store.runErasure(id, new Date().toISOString())) ?? (await store.findErasureRequest(trkref, id));
  if (!done) throw new CliError(`Erasure request ${id} was recorded but cannot be read back`);
  return done;
}

/**
 * Gives hashes to rows written before hashes existed: an erasure finds customers by their hashes only.
 * Each call gives at most a batch of rows theirs, and a row once given one is never given one again, so
 * the loop ends when none is left.
 */
async function completeHashBackfill(store: Store): Promise<void> {
  for (let given = await store.backfillCustomerHashes(BACKFILL_BATCH); given > 0; ) {
    given = await store.backfillCustomerHashes(BACKFILL_BATCH);
  }
}

export async function exportErasures(ctx: CliContext, options: { since?: string; org?: string }) {
  const since = options.since === undefined ? undefined : parseTimestamp(options.since);
  if (options.since !== undefined && since === undefined) {
    throw usageError("--since must be an ISO 8601 time such as 2026-11-30T00:00:00Z");
  }
  if (options.org !== undefined) checkTrkref(options.org);
  const query = {
    ...(since !== undefined && { since }),
    ...(options.org !== undefined && { trkref: options.org }),
  };
  await exportLedger(await ctx.store(), query, process.stdout);
}

export async function suppress(ctx: CliContext, options: CustomerOptions & { org: string; json?: boolean }) {
  checkTrkref(options.org);
  const list = readCustomerOptions(options, { maxRefLength: 0, takesRefs: false });
  await requireOrganisation(ctx, options.org);
  const store = await ctx.store();
  const total = { added: 0, alreadySuppressed: 0 };
  // Bounded by the file's lines, a thousand emails a transaction.
  for (let start = 0; start < list.values.length; start += MAX_ERASURE_SUBJECTS) {
    const outcome = await suppressEmails(store, {
      trkref: options.org,
      emails: list.values.slice(start, start + MAX_ERASURE_SUBJECTS),
      reason: "requested",
      at: new Date().toISOString(),
    });
    total.added += outcome.added;
    total.alreadySuppressed += outcome.alreadySuppressed;
  }
  if (options.json) {
    return ctx.out(formatJson({ added: total.added, already_suppressed: total.alreadySuppressed }));
  }
  ctx.out(
    `Added ${total.added} to the suppression list of ${options.org}; ${total.alreadySuppressed} already on it`,
  );
}

export async function compact(ctx: CliContext, options: { full?: boolean }) {
  const store = await ctx.store();
  const full = options.full === true;
  await store.compact({ full });
  ctx.out(
    store.kind === "sqlite"
      ? `Compacted: the WAL checkpointed and truncated${full ? ", the database file rewritten (VACUUM)" : ""}`
      : `Compacted: VACUUM${full ? " FULL" : ""} of the tables that hold customers' data`,
  );
}

import type { Command } from "commander";
// The same bounds as the API's listings, so that the CLI shows what a page of them would.
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "../../http/listing/page.js";
import { parseTimestamp } from "../../http/listing/timestamp-parameter.js";
import { toOrderBody } from "../../http/order-body.js";
import type { SubmissionRecord } from "../../storage/store.js";
import { type CliContext, withCliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";
import { parseWholeNumber } from "../option-values.js";
import { formatJson, formatTable } from "../output.js";
import { exportOrders } from "./order-export.js";
import { checkTrkref } from "./trkref-argument.js";

/** `order list|export`: an organisation's orders, as processing left them. */
export function registerOrderCommands(program: Command): void {
  const order = program.command("order").description("read an organisation's orders");
  order
    .command("list")
    .description("an organisation's latest orders (newest first), or those updated since a time")
    .requiredOption("--org <TRKREF>", "the organisation")
    .option("--since <TIME>", "only orders updated after this ISO 8601 time, oldest change first")
    .option("--limit <N>", `how many (1 to ${MAX_PAGE_LIMIT})`, String(DEFAULT_PAGE_LIMIT))
    .option("--json", "print JSON with the API's field names, as its listing answers each order")
    .action(withCliContext(listOrders));
  order
    .command("export")
    .description("write every order of an organisation to standard output, streaming, oldest first")
    .requiredOption("--org <TRKREF>", "the organisation")
    .requiredOption("--format <FORMAT>", "ndjson (one order a line) or csv (one row per item)")
    .option("--since <TIME>", "only orders updated after this ISO 8601 time")
    .action(withCliContext(exportOrganisationOrders));
}

/** An ISO 8601 time as the store compares it, or a usage error naming the option. */
function readSince(since: string | undefined): string | undefined {
  if (since === undefined) return undefined;
  const parsed = parseTimestamp(since);
  if (parsed === undefined) throw usageError(`--since must be an ISO 8601 time such as 2026-11-30T00:00:00Z`);
  return parsed;
}

/** Refuses a malformed `--org` (exit 2) before the store is opened, and an unknown one (exit 1). */
export async function requireOrganisation(ctx: CliContext, trkref: string): Promise<void> {
  checkTrkref(trkref);
  if (!(await (await ctx.store()).findOrganisation(trkref))) throw new CliError(`No organisation ${trkref}`);
}

async function listOrders(
  ctx: CliContext,
  options: { org: string; since?: string; limit: string; json?: boolean },
): Promise<void> {
  const limit = parseWholeNumber(options.limit, "--limit", 1, MAX_PAGE_LIMIT);
  const since = readSince(options.since);
  await requireOrganisation(ctx, options.org);
  const store = await ctx.store();
  const orders = await store.listOrders({
    trkref: options.org,
    sortedBy: since === undefined ? "created" : "updated",
    direction: since === undefined ? "descending" : "ascending",
    ...(since !== undefined && { updatedAfter: since }),
    limit,
  });
  if (options.json) {
    const refs = orders.map((stored) => stored.order.order_ref);
    const submissions = await store.listSubmissionsForOrders(options.org, refs);
    const byOrder = new Map<string, SubmissionRecord[]>();
    for (const s of submissions) byOrder.set(s.orderRef, [...(byOrder.get(s.orderRef) ?? []), s]);
    return ctx.out(formatJson(orders.map((o) => toOrderBody(o, byOrder.get(o.order.order_ref) ?? []))));
  }
  const rows = orders.map(({ order, createdAt, updatedAt }) => [
    order.order_ref,
    order.order_date,
    order.fulfilment_date,
    order.order_items.length,
    createdAt,
    updatedAt,
  ]);
  const headers = ["ORDER_REF", "ORDER_DATE", "FULFILMENT_DATE", "ITEMS", "CREATED_AT", "UPDATED_AT"];
  for (const line of formatTable(headers, rows)) ctx.out(line);
}

async function exportOrganisationOrders(
  ctx: CliContext,
  options: { org: string; format: string; since?: string },
): Promise<void> {
  if (options.format !== "ndjson" && options.format !== "csv") {
    throw usageError("--format must be ndjson or csv");
  }
  const since = readSince(options.since);
  await requireOrganisation(ctx, options.org);
  // Progress only where a person watches: standard error a terminal, the orders themselves on stdout.
  const progress = process.stderr.isTTY
    ? (exported: number) => process.stderr.write(`\rexported ${exported} orders`)
    : undefined;
  let exported: number;
  try {
    exported = await exportOrders(
      await ctx.store(),
      { trkref: options.org, format: options.format, ...(since !== undefined && { since }) },
      { output: process.stdout, ...(progress && { progress }) },
    );
  } catch (error) {
    // The reader closed the pipe (`order export … | head`): it has what it wanted.
    if ((error as NodeJS.ErrnoException).code === "EPIPE") return;
    throw error;
  }
  if (progress) process.stderr.write(`\rexported ${exported} orders\n`);
}

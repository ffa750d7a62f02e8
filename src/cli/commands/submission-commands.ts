import type { Command } from "commander";
import { toBatchStatus } from "../../http/batch-answers.js";
// The same bounds as the API's listings, so that the CLI shows what a page of them would.
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "../../http/listing/page.js";
import { toSubmissionBody } from "../../http/submission-body.js";
import { type CliContext, withCliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";
import { parseWholeNumber } from "../option-values.js";
import { formatJson, formatRecord, formatTable } from "../output.js";
import { requireOrganisation } from "./order-commands.js";

/**
 * `submission show <ID>`, `submission list`: what became of submissions, with the fields the API answers;
 * `batch show <ID>`: a batch's status answer.
 */
export function registerSubmissionCommands(program: Command): void {
  const submission = program.command("submission").description("look up submissions");
  submission
    .command("show")
    .description("what became of one submission, as GET /v4/customer_orders/{id} answers it")
    .argument("<ID>", "the submission id, from a 202 answer or its Location header")
    .option("--json", "print JSON with the API's field names")
    .action(withCliContext(showSubmission));
  submission
    .command("list")
    .description("submissions in one status, oldest first (failed ones, say), of one or every organisation")
    .option("--org <TRKREF>", "the organisation (default: every organisation)")
    .requiredOption("--status <STATUS>", "accepted, processed or failed")
    .option("--oldest", "oldest first (default: newest first, so recent failures show)")
    .option("--limit <N>", `how many (1 to ${MAX_PAGE_LIMIT})`, String(DEFAULT_PAGE_LIMIT))
    .option("--json", "print JSON with the API's field names, as GET /v4/customer_orders/{id} answers each")
    .action(withCliContext(listSubmissions));
  program
    .command("batch")
    .description("look up batches")
    .command("show")
    .description("a batch and the current state of each of its orders, as its status answer shows them")
    .argument("<ID>", "the batch id, from a batch's 202, 206 or 422 answer")
    .option("--json", "print JSON with the API's field names")
    .action(withCliContext(showBatch));
}

const STATUSES = ["accepted", "processed", "failed"] as const;

async function listSubmissions(
  ctx: CliContext,
  options: { org?: string; status: string; limit: string; oldest?: boolean; json?: boolean },
): Promise<void> {
  const status = STATUSES.find((known) => known === options.status);
  if (!status) throw usageError(`--status must be one of ${STATUSES.join(", ")}`);
  const limit = parseWholeNumber(options.limit, "--limit", 1, MAX_PAGE_LIMIT);
  if (options.org !== undefined) await requireOrganisation(ctx, options.org);
  const store = await ctx.store();
  const trkrefs =
    options.org === undefined ? (await store.listOrganisations()).map((org) => org.trkref) : [options.org];
  const direction = options.oldest ? "ascending" : "descending";
  // Each organisation's first `limit` in that order, then the first `limit` of them all: one index range each.
  const pages = await Promise.all(
    trkrefs.map((trkref) => store.listSubmissionsByStatus({ trkref, status, direction, limit })),
  );
  const listed = pages
    .flat()
    .sort((a, b) => (options.oldest ? a.seq - b.seq : b.seq - a.seq))
    .slice(0, limit);
  const bodies = listed.map(({ seq: _, ...submission }) => toSubmissionBody(submission));
  if (options.json) return ctx.out(formatJson(bodies));
  const headers = [
    "ID",
    "TRKREF",
    "ORDER_REF",
    "STATUS",
    "OUTCOME",
    "FAILURE_CODE",
    "ACCEPTED_AT",
    "PROCESSED_AT",
  ];
  const rows = bodies.map((b) => [
    b.id,
    b.trkref,
    b.order_ref,
    b.status,
    b.outcome,
    b.failure_code,
    b.accepted_at,
    b.processed_at,
  ]);
  for (const line of formatTable(headers, rows)) ctx.out(line);
}

async function showBatch(ctx: CliContext, id: string, options: { json?: boolean }) {
  const batch = await (await ctx.store()).findBatch(id.toLowerCase());
  if (!batch) throw new CliError(`No batch ${id}`);
  const status = toBatchStatus(batch);
  if (options.json) return ctx.out(formatJson(status));
  ctx.out(
    `batch ${status.id}, created ${status.created_at}: ${status.summary.accepted} accepted, ${status.summary.rejected} rejected`,
  );
  const rows = status.results.map((result) => [
    result.index,
    result.order_ref,
    result.status,
    "submission_status" in result ? result.submission_status : undefined,
    "outcome" in result ? result.outcome : undefined,
    "failure_code" in result ? result.failure_code : undefined,
    "id" in result ? result.id : undefined,
  ]);
  const headers = [
    "INDEX",
    "ORDER_REF",
    "RESULT",
    "SUBMISSION_STATUS",
    "OUTCOME",
    "FAILURE_CODE",
    "SUBMISSION_ID",
  ];
  for (const line of formatTable(headers, rows)) ctx.out(line);
}

async function showSubmission(ctx: CliContext, id: string, options: { json?: boolean }) {
  const submission = await (await ctx.store()).findSubmission(id.toLowerCase());
  if (!submission) throw new CliError(`No submission ${id}`);
  const body = toSubmissionBody(submission);
  if (options.json) return ctx.out(formatJson(body));
  for (const line of formatRecord(body)) ctx.out(line);
}

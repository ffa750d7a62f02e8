import type { Command } from "commander";
import { type AuditEntry, DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE } from "../../storage/store.js";
import { type CliContext, withCliContext } from "../cli-context.js";
import { parseWholeNumber } from "../option-values.js";
import { formatJson, formatTable } from "../output.js";

/** `audit list`: the log of operator actions, newest first, a page at a time. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("read the log of operator actions");
  audit
    .command("list")
    .description("list operator actions, newest first: who did what to which organisation or key, when")
    .option("--limit <N>", `how many (1 to ${MAX_AUDIT_PAGE})`, String(DEFAULT_AUDIT_PAGE))
    .option("--before <ID>", "only entries older than this one (the next page: the last id shown)")
    .option("--json", "print JSON with the API's field names")
    .action(withCliContext(listAudit));
}

/** An entry as `--json` prints it; its details already have snake_case names. */
const toAuditJson = (entry: AuditEntry) => ({
  id: entry.id,
  at: entry.at,
  actor: entry.actor,
  action: entry.action,
  subject: entry.subject,
  details: entry.details,
});

async function listAudit(ctx: CliContext, options: { limit: string; before?: string; json?: boolean }) {
  const limit = parseWholeNumber(options.limit, "--limit", 1, MAX_AUDIT_PAGE);
  const before =
    options.before === undefined
      ? {}
      : { before: parseWholeNumber(options.before, "--before", 1, Number.MAX_SAFE_INTEGER) };
  const entries = await (await ctx.store()).listAuditEntries({ limit, ...before });
  if (options.json) return ctx.out(formatJson(entries.map(toAuditJson)));
  if (entries.length === 0) return ctx.out("No operator actions logged yet");
  const rows = entries.map((entry) => [
    entry.id,
    entry.at,
    entry.actor,
    entry.action,
    entry.subject,
    JSON.stringify(entry.details),
  ]);
  for (const line of formatTable(["ID", "AT", "ACTOR", "ACTION", "SUBJECT", "DETAILS"], rows)) ctx.out(line);
  const last = entries.at(-1);
  if (entries.length === limit && last) ctx.out(`Older entries: audit list --before ${last.id}`);
}

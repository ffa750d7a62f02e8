import type { Command } from "commander";
import { type CliContext, withCliContext } from "../cli-context.js";

/** Most lines of a `--file` of emails. */
export const MAX_FILE_LINES = 100_000;

/** A repeatable option's values, in the order given. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

const JSON_OPTION = ["--json", "print one JSON line per request, with the API's field names"] as const;

type Actions = typeof import("./erase-actions.js");

/** Runs one of the actions, loaded only then. */
const lazily = <Name extends keyof Actions>(name: Name) =>
  withCliContext(async (ctx: CliContext, options: Parameters<Actions[Name]>[1]) => {
    const actions = await import("./erase-actions.js");
    const action = actions[name] as (ctx: CliContext, options: Parameters<Actions[Name]>[1]) => Promise<void>;
    return action(ctx, options);
  });

/**
 * `erase`, `erasure export`, `suppress` and `compact`: the operator's side of customers' privacy. The
 * operator's erasures are run at once, here, without waiting for a server; what they name is read by the
 * same rules as the API's (`processing/erasure-input.ts`), and no output or message quotes an email.
 */
export function registerEraseCommands(program: Command): void {
  program
    .command("erase")
    .description(
      "erase an organisation's customers now (by email, customer_ref or a file of emails) and print what " +
        "was erased; or, after restoring a backup, replay the erasures requested since a time",
    )
    .option("--org <TRKREF>", "the organisation (with --replay-since: only its requests)")
    .option("--email <EMAIL>", "a customer's email; repeat for more", collect)
    .option("--customer-ref <REF>", "a customer's customer_ref; repeat for more", collect)
    .option("--file <PATH>", `a file of emails, one a line (at most ${MAX_FILE_LINES} lines)`)
    .option("--replay-since <TIME>", "replay every completed erasure requested since this ISO 8601 time")
    .option(
      "--ledger <PATH>",
      "with --replay-since: the ledger 'erasure export' wrote (default: the database's)",
    )
    .option(...JSON_OPTION)
    .action(lazily("erase"));
  program
    .command("erasure")
    .description("the erasure ledger: every erasure requested, by keyed hashes (never an email)")
    .command("export")
    .description(
      "write the ledger to standard output as JSON lines, oldest first: keep it apart from backups",
    )
    .option("--since <TIME>", "only requests made at or after this ISO 8601 time")
    .option("--org <TRKREF>", "only this organisation's requests")
    .action(lazily("exportErasures"));
  program
    .command("suppress")
    .description(
      "put customers' emails on an organisation's suppression list: their later orders are kept without their data",
    )
    .requiredOption("--org <TRKREF>", "the organisation")
    .option("--email <EMAIL>", "a customer's email; repeat for more", collect)
    .option("--file <PATH>", `a file of emails, one a line (at most ${MAX_FILE_LINES} lines)`)
    .option("--json", "print JSON with the API's field names")
    .action(lazily("suppress"));
  program
    .command("compact")
    .description("make erased data leave the database files (SQLite: a WAL checkpoint; PostgreSQL: VACUUM)")
    .option(
      "--full",
      "rewrite them whole (SQLite: VACUUM; PostgreSQL: VACUUM FULL), locking writes while it runs",
    )
    .action(lazily("compact"));
}

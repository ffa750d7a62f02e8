import type { Command } from "commander";
import {
  BATCH_SIZE,
  CONCURRENCY,
  DEFAULT_URL,
  type ImportCommandOptions,
  parseImportOptions,
} from "../import/import-options.js";

const COLUMNS_HELP = `
One row per order item, the rows of one order together. Columns (header row, names exact, lower case):
  order_ref (required), order_date, fulfilment_date, language, locale, email, customer_ref, title,
  first_name, surname, postcode, country (taken from an order's first row), sku (required), price,
  currency, metadata.<name> (one item each row). reject_* columns are ignored, so a corrected rejects
  file imports again.

Prices take a decimal comma ("55,99"), as the API does; "12.50" is refused unless --decimal-mark . says the
file writes decimals with a dot. Thousands separators are refused either way ("1,000.50").

Credentials: ORDER_INTAKE_KEY (or --key) and ORDER_INTAKE_SECRET (or --secret-file); never a secret as an
argument. Each batch has an idempotency key made from its orders: a run repeated within the service's
idempotency window is replayed, not submitted again ("duplicates").

Before the first batch is sent, the key's organisations are asked for: a key that may not act for --org, or an
organisation with order submission switched off, stops the import with nothing sent.

Exit codes: 0 every order accepted, 1 some rejected (or more than --max-reject-rate), 2 bad usage, an
unreadable file, refused credentials, a key that may not submit orders for --org, or no connection, 130
interrupted (Ctrl-C; --resume goes on).`;

/** `order-intake import <FILE> --org <TRKREF>`: submits a CSV file of orders through the API. */
export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description("check the orders of a CSV file as the service would, and submit the valid ones in batches")
    .argument("<FILE>", "the CSV file (UTF-8, with or without a byte order mark)")
    .requiredOption("--org <TRKREF>", "the organisation the orders are for")
    .option("--url <URL>", `the service (default: ORDER_INTAKE_URL, else ${DEFAULT_URL})`)
    .option("--key <ID>", "the API key id, oik_… (default: ORDER_INTAKE_KEY)")
    .option("--secret-file <FILE>", "read the key's secret from this file (default: ORDER_INTAKE_SECRET)")
    .option("--delimiter <CHAR>", '",", ";" or "tab" (default: the one the header line uses most)')
    .option(
      "--decimal-mark <MARK>",
      'how prices write their decimals: "," (default, "12,50", taken as read) or "." ("12.50", converted)',
    )
    .option(
      "--batch-size <N>",
      `orders per batch (${BATCH_SIZE.min} to ${BATCH_SIZE.max})`,
      String(BATCH_SIZE.default),
    )
    .option(
      "--concurrency <N>",
      `batches in flight at once (${CONCURRENCY.min} to ${CONCURRENCY.max})`,
      String(CONCURRENCY.default),
    )
    .option(
      "--dry-run",
      "check every order and write the rejects file, sending nothing (no credentials needed; not with " +
        "--max-reject-rate)",
    )
    .option(
      "--resume",
      "skip the batches the state file records as answered with every order accepted (same --org and " +
        "--batch-size)",
    )
    .option("--state <FILE>", "where each answered batch is recorded (default: <FILE>.import-state)")
    .option(
      "--rejects <FILE>",
      "write every row of the rejected orders here, with line, column, code and reason",
    )
    .option(
      "--max-reject-rate <R>",
      "check the whole file first and send nothing if more than R of its orders are rejected (0.05 or 5%)",
    )
    .option("--json", "print the summary as one JSON line")
    .addHelpText("after", COLUMNS_HELP)
    .action(runImportCommand);
}

async function runImportCommand(file: string, options: ImportCommandOptions): Promise<void> {
  const settings = parseImportOptions(file, options);
  // Loaded only now: the client, the CSV parser and the order rules are not needed by any other command.
  const { runImport } = await import("../import/run-import.js");
  const interrupt = new AbortController();
  // Once only: a second Ctrl-C gets the default action and ends the process at once.
  const onInterrupt = () => {
    process.stderr.write("\nInterrupted: waiting for the batches in flight (Ctrl-C again to stop at once)\n");
    interrupt.abort();
  };
  process.once("SIGINT", onInterrupt);
  try {
    const outcome = await runImport({
      settings,
      out: (line) => process.stdout.write(`${line}\n`),
      note: (line) => process.stderr.write(`${line}\n`),
      progress: { stream: process.stderr, isTTY: process.stderr.isTTY === true },
      signal: interrupt.signal,
    });
    if (outcome.error) throw outcome.error;
    process.exitCode = outcome.exitCode;
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

#!/usr/bin/env node
import { ConfigError } from "../config.js";
import { createCliContext } from "./cli-context.js";
import { CliError } from "./cli-error.js";
import { KEY_USAGE, runKeyCommand } from "./commands/key-commands.js";
import { ORG_USAGE, runOrgCommand } from "./commands/org-commands.js";
import { runSubmissionCommand, SUBMISSION_USAGE } from "./commands/submission-commands.js";

const USAGE = `Usage: order-intake <command>

  serve                       run the HTTP service and (unless RUN_PROCESSOR=false) the processor
  worker                      run only the processor (scale processing apart from the API)
  quickstart                  create an enabled DEMO organisation and a key, then serve
  migrate                     apply database migrations and exit
${[ORG_USAGE, KEY_USAGE, SUBMISSION_USAGE].join("\n").replace(/^order-intake /gm, "  ")}

The database is DATABASE_URL (default ./data/order-intake.db); see docs/configuration.md.`;

const commands: Record<string, (ctx: ReturnType<typeof createCliContext>) => Promise<void>> = {
  // The server's modules are loaded only by the commands that serve, so that the others start quickly.
  serve: async (ctx) => (await import("./commands/serve-command.js")).runServeCommand(ctx),
  quickstart: async (ctx) => (await import("./commands/quickstart-command.js")).runQuickstartCommand(ctx),
  worker: async (ctx) => (await import("./commands/worker-command.js")).runWorkerCommand(ctx),
  // Opening the store applies pending migrations; this command exists to do only that.
  migrate: async (ctx) => {
    await ctx.store();
    ctx.out("Migrations applied");
  },
  org: runOrgCommand,
  key: runKeyCommand,
  submission: runSubmissionCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`error: unknown command ${JSON.stringify(name)}\n\n${USAGE}\n`);
    return 2;
  }
  const ctx = createCliContext(args, (line) => process.stdout.write(`${line}\n`));
  try {
    await command(ctx);
    return 0;
  } finally {
    await ctx.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes: that is bad usage too.
    const badUsage = String((error as { code?: unknown })?.code ?? "").startsWith("ERR_PARSE_ARGS");
    // A system error (EADDRINUSE, EACCES, ENOENT…) is the operator's to fix: its message says enough.
    const systemError = /^E[A-Z]+$/.test(String((error as { code?: unknown })?.code ?? ""));
    const known = error instanceof CliError || error instanceof ConfigError || badUsage || systemError;
    process.stderr.write(
      `error: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`,
    );
    process.exitCode =
      error instanceof CliError ? error.exitCode : badUsage || error instanceof ConfigError ? 2 : 1;
  },
);

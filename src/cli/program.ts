import { readFileSync } from "node:fs";
import { Command } from "commander";
import { redactSecrets } from "../storage/api-credentials.js";
import { withCliContext } from "./cli-context.js";
import { registerAuditCommands } from "./commands/audit-commands.js";
import { registerEraseCommands } from "./commands/erase-commands.js";
import { registerImportCommand } from "./commands/import-command.js";
import { registerInvitationCommands } from "./commands/invitation-commands.js";
import { registerKeyCommands } from "./commands/key-commands.js";
import { registerOrderCommands } from "./commands/order-commands.js";
import { registerOrgCommands } from "./commands/org-commands.js";
import { registerSubmissionCommands } from "./commands/submission-commands.js";
import { registerWebhookCommands } from "./commands/webhook-commands.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/**
 * Every command, its arguments and options, in one definition from which the parser and each `--help` are
 * generated. Parsing errors are thrown (as CommanderError) instead of exiting, so that `main` picks the exit
 * code; anything they quote is cut short where it holds a secret.
 */
export function createProgram(): Command {
  const program = new Command("order-intake")
    .description("Durable intake of merchants' customer orders over HTTP")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "print this help")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(redactSecrets(text)) })
    .showHelpAfterError("(add --help for usage)")
    .addHelpText(
      "after",
      "\nThe database is DATABASE_URL (default ./data/order-intake.db); see docs/configuration.md.",
    );
  // The server's modules are loaded only by the commands that serve, so that the others start quickly.
  program
    .command("serve")
    .description("run the HTTP service and (unless RUN_PROCESSOR=false) the processor")
    .action(
      withCliContext(async (ctx) => (await import("./commands/serve-command.js")).runServeCommand(ctx)),
    );
  program
    .command("worker")
    .description("run only the processor (scale processing apart from the API)")
    .action(
      withCliContext(async (ctx) => (await import("./commands/worker-command.js")).runWorkerCommand(ctx)),
    );
  program
    .command("quickstart")
    .description("serve, then create an enabled DEMO organisation and a key, and print how to use them")
    .action(
      withCliContext(async (ctx) =>
        (await import("./commands/quickstart-command.js")).runQuickstartCommand(ctx),
      ),
    );
  program
    .command("migrate")
    .description("apply database migrations and exit")
    .action(
      // Opening the store applies pending migrations; this command exists to do only that.
      withCliContext(async (ctx) => {
        await ctx.store();
        ctx.out("Migrations applied");
      }),
    );
  program
    .command("openapi")
    .description("print the OpenAPI document this configuration serves at /openapi.json, without serving")
    .action(
      withCliContext(async (ctx) =>
        (await import("./commands/openapi-command.js")).runOpenApiCommand(ctx.config, ctx.out),
      ),
    );
  registerOrgCommands(program);
  registerKeyCommands(program);
  registerAuditCommands(program);
  registerSubmissionCommands(program);
  registerOrderCommands(program);
  registerWebhookCommands(program);
  registerInvitationCommands(program);
  registerEraseCommands(program);
  registerImportCommand(program);
  return program;
}

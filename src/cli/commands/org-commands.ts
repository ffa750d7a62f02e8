import type { Command } from "commander";
import { type Organisation, StoreConflictError } from "../../storage/store.js";
import { type ActorOptions, attribution, withActorOption } from "../actor.js";
import { type CliContext, withCliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";
import { formatJson, formatTable } from "../output.js";
import { registerOrgSettingCommands } from "./org-setting-commands.js";
import { checkTrkref } from "./trkref-argument.js";

/** `org create|enable|disable|list|set|show|rename`: the organisations that may submit orders. */
export function registerOrgCommands(program: Command): void {
  const org = program.command("org").description("manage the organisations that may submit orders");
  withActorOption(
    org
      .command("create")
      .description("create an organisation, disabled unless --enable is given")
      .argument("<TRKREF>", "its trkref: upper-case letters and digits in groups joined by - or _")
      .requiredOption("--name <NAME>", "its name, as merchants know it")
      .option("--enable", "take its orders at once"),
  ).action(withCliContext(createOrganisation));
  withActorOption(
    org.command("enable").description("take orders for an organisation").argument("<TRKREF>"),
  ).action(
    withCliContext((ctx, trkref: string, options: ActorOptions) => setEnabled(ctx, trkref, true, options)),
  );
  withActorOption(
    org
      .command("disable")
      .description("refuse orders for an organisation (its keys get 403)")
      .argument("<TRKREF>"),
  ).action(
    withCliContext((ctx, trkref: string, options: ActorOptions) => setEnabled(ctx, trkref, false, options)),
  );
  org
    .command("list")
    .description("list every organisation")
    .option("--json", "print JSON with the API's field names")
    .action(withCliContext(listOrganisations));
  registerOrgSettingCommands(org);
}

/** An organisation as `--json` prints it. */
const toOrganisationJson = (org: Organisation) => ({
  trkref: org.trkref,
  name: org.name,
  enabled: org.enabled,
  created_at: org.createdAt,
});

async function createOrganisation(
  ctx: CliContext,
  trkref: string,
  options: { name: string; enable?: boolean } & ActorOptions,
) {
  checkTrkref(trkref);
  const name = options.name.trim();
  if (!name) throw usageError("--name <NAME> must not be blank");
  const enabled = options.enable ?? false;
  const by = attribution(options);
  try {
    await (await ctx.store()).createOrganisation({ trkref, name, enabled, ...by });
  } catch (error) {
    if (error instanceof StoreConflictError) throw new CliError(`Organisation ${trkref} already exists`);
    throw error;
  }
  ctx.out(
    `Created organisation ${trkref} (${enabled ? "enabled" : "disabled: run 'org enable' to take orders"})`,
  );
}

async function setEnabled(ctx: CliContext, trkref: string, enabled: boolean, options: ActorOptions) {
  checkTrkref(trkref);
  const by = attribution(options);
  if (!(await (await ctx.store()).setOrganisationEnabled(trkref, enabled, by))) {
    throw new CliError(`Unknown organisation ${trkref}`);
  }
  ctx.out(`Organisation ${trkref} ${enabled ? "enabled" : "disabled"}`);
}

async function listOrganisations(ctx: CliContext, options: { json?: boolean }) {
  const organisations = await (await ctx.store()).listOrganisations();
  if (options.json) return ctx.out(formatJson(organisations.map(toOrganisationJson)));
  if (organisations.length === 0) return ctx.out("No organisations yet: create one with 'org create'");
  const rows = organisations.map((org) => [
    org.trkref,
    org.enabled ? "enabled" : "disabled",
    org.name,
    org.createdAt,
  ]);
  for (const line of formatTable(["TRKREF", "STATUS", "NAME", "CREATED"], rows)) ctx.out(line);
}

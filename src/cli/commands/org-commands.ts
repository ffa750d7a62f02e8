import { parseArgs } from "node:util";
import { isTrkref, trkrefCorrection } from "../../domain/trkref.js";
import { StoreConflictError } from "../../storage/store.js";
import type { CliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";

export const ORG_USAGE = `order-intake org create <TRKREF> --name <NAME> [--enable]
order-intake org enable <TRKREF>
order-intake org disable <TRKREF>
order-intake org list [--json]`;

/** `org create|enable|disable|list`: manage the organisations that may submit orders. */
export async function runOrgCommand(ctx: CliContext): Promise<void> {
  const [action, ...rest] = ctx.args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { name: { type: "string" }, enable: { type: "boolean" }, json: { type: "boolean" } },
  });
  switch (action) {
    case "create":
      return createOrganisation(ctx, requireTrkref(positionals), values.name, values.enable ?? false);
    case "enable":
    case "disable":
      return setEnabled(ctx, requireTrkref(positionals), action === "enable");
    case "list":
      return listOrganisations(ctx, values.json ?? false);
    default:
      throw usageError(`Unknown org command ${JSON.stringify(action ?? "")}. Usage:\n${ORG_USAGE}`);
  }
}

/** The single TRKREF argument, checked against the trkref pattern. */
export function requireTrkref(positionals: string[]): string {
  const [trkref, ...extra] = positionals;
  if (!trkref || extra.length > 0) throw usageError("Give exactly one TRKREF");
  checkTrkref(trkref);
  return trkref;
}

export function checkTrkref(trkref: string): void {
  if (!isTrkref(trkref)) {
    throw usageError(`Malformed TRKREF ${JSON.stringify(trkref)}: it ${trkrefCorrection(trkref)}`);
  }
}

async function createOrganisation(
  ctx: CliContext,
  trkref: string,
  name: string | undefined,
  enable: boolean,
) {
  if (!name?.trim()) throw usageError("--name <NAME> is required");
  try {
    await (await ctx.store()).createOrganisation({ trkref, name: name.trim(), enabled: enable });
  } catch (error) {
    if (error instanceof StoreConflictError) throw new CliError(`Organisation ${trkref} already exists`);
    throw error;
  }
  ctx.out(
    `Created organisation ${trkref} (${enable ? "enabled" : "disabled: run 'org enable' to take orders"})`,
  );
}

async function setEnabled(ctx: CliContext, trkref: string, enabled: boolean) {
  if (!(await (await ctx.store()).setOrganisationEnabled(trkref, enabled))) {
    throw new CliError(`Unknown organisation ${trkref}`);
  }
  ctx.out(`Organisation ${trkref} ${enabled ? "enabled" : "disabled"}`);
}

async function listOrganisations(ctx: CliContext, json: boolean) {
  const organisations = await (await ctx.store()).listOrganisations();
  if (json) return ctx.out(JSON.stringify(organisations));
  if (organisations.length === 0) return ctx.out("No organisations yet: create one with 'org create'");
  for (const org of organisations) {
    ctx.out(`${org.trkref}\t${org.enabled ? "enabled" : "disabled"}\t${org.name}\tcreated ${org.createdAt}`);
  }
}

import type { Command } from "commander";
import type { Config } from "../../config.js";
import { MAX_BURST, parseRateLimit } from "../../storage/operator-input.js";
import type { OrganisationSummary, RateLimit } from "../../storage/store.js";
import { type ActorOptions, attribution, withActorOption } from "../actor.js";
import { type CliContext, withCliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";
import { parseWholeNumber } from "../option-values.js";
import { formatJson, formatRecord } from "../output.js";
import { checkTrkref } from "./trkref-argument.js";

/** `org set|show|rename`: an organisation's own rate limit, its summary, its name. */
export function registerOrgSettingCommands(org: Command): void {
  withActorOption(
    org
      .command("set")
      .description("set an organisation's own rate limit per key, or put it back on the default")
      .argument("<TRKREF>")
      .requiredOption("--rate-limit <LIMIT>", "requests per second, as 500/s, or default")
      .option("--burst <N>", "requests a key may make at once (default: two seconds' worth)"),
  ).action(withCliContext(setRateLimit));
  org
    .command("show")
    .description("show an organisation: name, status, rate limit, keys and their last use")
    .argument("<TRKREF>")
    .option("--json", "print JSON with the API's field names")
    .action(withCliContext(showOrganisation));
  withActorOption(
    org
      .command("rename")
      .description("change an organisation's name")
      .argument("<TRKREF>")
      .requiredOption("--name <NAME>", "its new name, as merchants know it"),
  ).action(withCliContext(renameOrganisation));
}

const describeLimit = (limit: RateLimit) => `${limit.ratePerSecond}/s, burst ${limit.burst}`;

/** The service's default limit, as RATE_LIMIT_PER_SECOND and RATE_LIMIT_BURST set it. */
const describeDefaultLimit = (config: Config) =>
  config.rateLimitPerSecond === 0
    ? "the default: none (RATE_LIMIT_PER_SECOND=0)"
    : `the default: ${describeLimit({ ratePerSecond: config.rateLimitPerSecond, burst: config.rateLimitBurst })}`;

async function setRateLimit(
  ctx: CliContext,
  trkref: string,
  options: { rateLimit: string; burst?: string } & ActorOptions,
) {
  checkTrkref(trkref);
  const burst =
    options.burst === undefined ? undefined : parseWholeNumber(options.burst, "--burst", 1, MAX_BURST);
  const limit = parseRateLimit(options.rateLimit, burst);
  if (limit === null && burst !== undefined)
    throw usageError("--burst goes with a rate limit, not with default");
  const by = attribution(options);
  const org = await (await ctx.store()).setOrganisationRateLimit(trkref, limit, by);
  if (!org) throw new CliError(`Unknown organisation ${trkref}`);
  ctx.out(
    `Organisation ${trkref}: each key may make ${org.rateLimit ? describeLimit(org.rateLimit) : describeDefaultLimit(ctx.config)}`,
  );
}

/** A summary as `org show --json` prints it; `rate_limit` null: the service's default. */
const toSummaryJson = (org: OrganisationSummary) => ({
  trkref: org.trkref,
  name: org.name,
  enabled: org.enabled,
  created_at: org.createdAt,
  rate_limit: org.rateLimit && { rate_per_second: org.rateLimit.ratePerSecond, burst: org.rateLimit.burst },
  key_count: org.keyCount,
  active_key_count: org.activeKeyCount,
  last_key_use_at: org.lastKeyUseAt,
});

async function showOrganisation(ctx: CliContext, trkref: string, options: { json?: boolean }) {
  checkTrkref(trkref);
  const org = await (await ctx.store()).findOrganisationSummary(trkref);
  if (!org) throw new CliError(`Unknown organisation ${trkref}`);
  const json = toSummaryJson(org);
  if (options.json) return ctx.out(formatJson(json));
  const rateLimit = org.rateLimit ? describeLimit(org.rateLimit) : describeDefaultLimit(ctx.config);
  for (const line of formatRecord({ ...json, rate_limit: rateLimit })) ctx.out(line);
}

async function renameOrganisation(ctx: CliContext, trkref: string, options: { name: string } & ActorOptions) {
  checkTrkref(trkref);
  const by = attribution(options);
  const org = await (await ctx.store()).renameOrganisation(trkref, options.name, by);
  if (!org) throw new CliError(`Unknown organisation ${trkref}`);
  ctx.out(`Organisation ${trkref} is now named ${JSON.stringify(org.name)}`);
}

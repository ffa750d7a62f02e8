import type { Command } from "commander";
import type { Config } from "../../config.js";
import type { InvitationPolicyOverrides } from "../../domain/invitation-policy.js";
import { MAX_BURST, parseRateLimit } from "../../storage/operator-input.js";
import type { Attribution, OrganisationSummary, RateLimit, Store } from "../../storage/store.js";
import { type ActorOptions, attribution, withActorOption } from "../actor.js";
import { type CliContext, withCliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";
import { parseWholeNumber } from "../option-values.js";
import { formatJson, formatRecord } from "../output.js";
import {
  INVITATION_POLICY_FLAGS,
  type InvitationPolicyOptions,
  readInvitationPolicyOptions,
  withInvitationPolicyOptions,
} from "./invitation-policy-options.js";
import { checkTrkref } from "./trkref-argument.js";

/** `org set|show|rename`: an organisation's own rate limit and invitation policy, its summary, its name. */
export function registerOrgSettingCommands(org: Command): void {
  withActorOption(
    withInvitationPolicyOptions(
      org
        .command("set")
        .description(
          "set an organisation's own rate limit per key and invitation policy (at least one option), " +
            "or put them back on the defaults",
        )
        .argument("<TRKREF>")
        .option("--rate-limit <LIMIT>", "requests per second, as 500/s, or default")
        .option("--burst <N>", "requests a key may make at once (default: two seconds' worth)"),
    ),
  ).action(withCliContext(setOrganisationSettings));
  org
    .command("show")
    .description(
      "show an organisation: name, status, rate limit, keys and their last use, its invitation policy",
    )
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

type SetOptions = { rateLimit?: string; burst?: string } & InvitationPolicyOptions & ActorOptions;

/** Everything is checked before anything is written; the limit and the policy are then written (and logged) apart. */
async function setOrganisationSettings(ctx: CliContext, trkref: string, options: SetOptions) {
  checkTrkref(trkref);
  const limit = options.rateLimit === undefined ? undefined : readRateLimit(options.rateLimit, options.burst);
  if (options.rateLimit === undefined && options.burst !== undefined)
    throw usageError("--burst goes with --rate-limit");
  const policy = await readInvitationPolicyOptions(options);
  if (limit === undefined && policy === undefined)
    throw usageError(`Give at least one of --rate-limit, ${INVITATION_POLICY_FLAGS.join(", ")}`);
  const by = attribution(options);
  const store = await ctx.store();
  if (limit !== undefined) {
    const org = await store.setOrganisationRateLimit(trkref, limit, by);
    if (!org) throw new CliError(`Unknown organisation ${trkref}`);
    ctx.out(
      `Organisation ${trkref}: each key may make ${org.rateLimit ? describeLimit(org.rateLimit) : describeDefaultLimit(ctx.config)}`,
    );
  }
  if (policy !== undefined) ctx.out(await setInvitationPolicy(store, trkref, policy, by));
}

/** `--rate-limit` (with `--burst`) as a limit, null for `default`; exit 2 when either is wrong. */
function readRateLimit(text: string, burstText: string | undefined): RateLimit | null {
  const burst = burstText === undefined ? undefined : parseWholeNumber(burstText, "--burst", 1, MAX_BURST);
  const limit = parseRateLimit(text, burst);
  if (limit === null && burst !== undefined)
    throw usageError("--burst goes with a rate limit, not with default");
  return limit;
}

/**
 * Merges the members given into the organisation's own (null: clears them all) and says what it now sets.
 * The store replaces the overrides whole, so they are read first: a change made by someone else between the
 * read and the write is overwritten, as with any operator's second command.
 */
async function setInvitationPolicy(
  store: Store,
  trkref: string,
  members: InvitationPolicyOverrides | null,
  by: Attribution,
): Promise<string> {
  let overrides: InvitationPolicyOverrides | null = null;
  if (members !== null) {
    const current = await store.findOrganisation(trkref);
    if (!current) throw new CliError(`Unknown organisation ${trkref}`);
    overrides = { ...(current.invitationPolicy ?? {}), ...members };
  }
  const org = await store.setOrganisationInvitationPolicy(trkref, overrides, by);
  if (!org) throw new CliError(`Unknown organisation ${trkref}`);
  const { describeOwnPolicy } = await import("./invitation-policy-output.js");
  return describeOwnPolicy(trkref, org.invitationPolicy);
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
  const { invitationPolicyJson, invitationPolicyRecord } = await import("./invitation-policy-output.js");
  const defaults = ctx.config.invitations.defaults;
  if (options.json)
    return ctx.out(formatJson({ ...json, ...invitationPolicyJson(defaults, org.invitationPolicy) }));
  const rateLimit = org.rateLimit ? describeLimit(org.rateLimit) : describeDefaultLimit(ctx.config);
  const policy = invitationPolicyRecord(defaults, org.invitationPolicy);
  for (const line of formatRecord({ ...json, rate_limit: rateLimit, ...policy })) ctx.out(line);
}

async function renameOrganisation(ctx: CliContext, trkref: string, options: { name: string } & ActorOptions) {
  checkTrkref(trkref);
  const by = attribution(options);
  const org = await (await ctx.store()).renameOrganisation(trkref, options.name, by);
  if (!org) throw new CliError(`Unknown organisation ${trkref}`);
  ctx.out(`Organisation ${trkref} is now named ${JSON.stringify(org.name)}`);
}

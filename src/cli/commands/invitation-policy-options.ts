import type { Command } from "commander";
import type { InvitationPolicy, InvitationPolicyOverrides } from "../../domain/invitation-policy.js";
import { usageError } from "../cli-error.js";

/**
 * The invitation policy options of `org set`: one per member of the policy, and `--invitation-defaults`.
 * Their values are checked by the rules the API and the store check a policy by (`policyOverrideErrors`),
 * loaded only when one is given, so that the other commands start without the time zone and country data.
 */

/** The options as commander reads them. */
export interface InvitationPolicyOptions {
  invitations?: string;
  invitationTrigger?: string;
  invitationDelayDays?: string;
  countryDelay?: string;
  sendWindow?: string;
  timezone?: string;
  maxOrderAgeDays?: string;
  frequencyCapDays?: string;
  invitationDefaults?: boolean;
}

type MemberKey = Exclude<keyof InvitationPolicyOptions, "invitationDefaults">;

interface MemberOption {
  key: MemberKey;
  flags: string;
  description: string;
  member: keyof InvitationPolicy;
  /** The value as the policy holds it; undefined when the text is not of the option's form at all. */
  read: (text: string) => unknown;
  /** What to say when `read` gives undefined. */
  form?: string;
}

/** A whole number as a number; any other text as it is, for the policy's check to refuse with its bounds. */
const readWhole = (text: string): unknown => (/^\d{1,9}$/.test(text.trim()) ? Number(text) : text);

const SWITCH: Record<string, boolean> = { on: true, off: false };

/** `GB=5,US=10` as `{ GB: 5, US: 10 }` (codes upper-cased), `none` as `{}`. */
function readCountryDelays(text: string): unknown {
  if (text.trim().toLowerCase() === "none") return {};
  const delays: Record<string, unknown> = {};
  for (const entry of text.split(",")) {
    const [country, days, ...rest] = entry.split("=").map((part) => part.trim());
    if (!country || days === undefined || rest.length > 0) return undefined;
    delays[country.toUpperCase()] = readWhole(days);
  }
  return delays;
}

const MEMBER_OPTIONS: MemberOption[] = [
  {
    key: "invitations",
    flags: "--invitations <on|off>",
    description: "whether its customers are sent review invitations",
    member: "enabled",
    read: (text) => SWITCH[text.trim().toLowerCase()],
    form: "must be on or off",
  },
  {
    key: "invitationTrigger",
    flags: "--invitation-trigger <TRIGGER>",
    description:
      "what starts the delay: fulfilment (the fulfilment date only), or fulfilment_or_order (else the order date)",
    member: "trigger",
    read: (text) => text.trim(),
  },
  {
    key: "invitationDelayDays",
    flags: "--invitation-delay-days <N>",
    description: "days from the trigger date to the invitation",
    member: "delay_days",
    read: readWhole,
  },
  {
    key: "countryDelay",
    flags: "--country-delay <LIST>",
    description:
      "days by customer country, as GB=5,US=10, in place of the delay (replaces its list; none: no list)",
    member: "country_delay_days",
    read: readCountryDelays,
    form: "must be COUNTRY=DAYS pairs separated by commas, as GB=5,US=10, or none",
  },
  {
    key: "sendWindow",
    flags: "--send-window <HH:MM-HH:MM>",
    description: "the local hours invitations are sent in, as 09:00-18:00",
    member: "send_window",
    read: (text) => text.trim(),
  },
  {
    key: "timezone",
    flags: "--timezone <ZONE>",
    description: "the IANA time zone of its send window and dates, as Europe/London",
    member: "timezone",
    read: (text) => text.trim(),
  },
  {
    key: "maxOrderAgeDays",
    flags: "--max-order-age-days <N>",
    description: "no invitation for an order whose trigger date is older than this",
    member: "max_order_age_days",
    read: readWhole,
  },
  {
    key: "frequencyCapDays",
    flags: "--frequency-cap-days <N>",
    description: "at most one invitation to a customer in this many days (0: no cap)",
    member: "frequency_cap_days",
    read: readWhole,
  },
];

const flagOf = (option: MemberOption) => option.flags.split(" ")[0] ?? option.flags;

/** The options' flags, for a usage error that lists them. */
export const INVITATION_POLICY_FLAGS = [...MEMBER_OPTIONS.map(flagOf), "--invitation-defaults"];

/** Adds the invitation policy options to `command`. */
export function withInvitationPolicyOptions(command: Command): Command {
  for (const option of MEMBER_OPTIONS) command.option(option.flags, option.description);
  return command.option(
    "--invitation-defaults",
    "put its invitation policy back on the installation's defaults (INVITATION_* settings)",
  );
}

/**
 * The change the options ask for: the members to set (to be merged into the organisation's own), null for
 * `--invitation-defaults`, or undefined when no invitation option is given. A usage error (exit 2) names
 * every option whose value is wrong.
 */
export async function readInvitationPolicyOptions(
  options: InvitationPolicyOptions,
): Promise<InvitationPolicyOverrides | null | undefined> {
  const given = MEMBER_OPTIONS.filter((option) => options[option.key] !== undefined);
  if (options.invitationDefaults) {
    if (given.length > 0) {
      throw usageError(
        `--invitation-defaults clears the organisation's invitation policy: give it without ${given.map(flagOf).join(", ")}`,
      );
    }
    return null;
  }
  if (given.length === 0) return undefined;
  const { policyOverrideErrors } = await import("../../domain/invitation-policy.js");
  const members: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const option of given) {
    const value = option.read(options[option.key] ?? "");
    if (value === undefined) {
      errors.push(`${flagOf(option)}: ${option.form ?? "has no value"}`);
      continue;
    }
    const problems = policyOverrideErrors({ [option.member]: value });
    errors.push(...problems.map((problem) => renameMember(problem, option)));
    members[option.member] = value;
  }
  if (errors.length > 0) throw usageError(errors.join("\n"));
  return members as InvitationPolicyOverrides;
}

/** The policy's message of a member (`delay_days: …`, `country_delay_days.GB: …`) as one of the option. */
function renameMember(problem: string, option: MemberOption): string {
  if (problem.startsWith(`${option.member}.`))
    return `${flagOf(option)} ${problem.slice(option.member.length + 1)}`;
  if (problem.startsWith(option.member)) return `${flagOf(option)}${problem.slice(option.member.length)}`;
  return `${flagOf(option)}: ${problem}`;
}

import {
  BUILT_IN_INVITATION_POLICY,
  effectivePolicy,
  type InvitationPolicy,
  type InvitationPolicyOverrides,
} from "../../domain/invitation-policy.js";

/** How `org show` and `org set` print an organisation's invitation policy; loaded only by them. */

/** What `org show --json` adds: the policy in force, and the members the organisation sets (`{}`: none). */
export const invitationPolicyJson = (
  defaults: InvitationPolicy,
  overrides: InvitationPolicyOverrides | null,
) => ({
  invitation_policy: effectivePolicy(defaults, overrides),
  invitation_policy_overrides: overrides ?? {},
});

/** A member's value in a line of text: per-country delays as `GB=5,US=10` (`none` when there are none). */
function describeValue(value: unknown): string {
  if (typeof value !== "object" || value === null) return String(value);
  const entries = Object.entries(value).map(([country, days]) => `${country}=${String(days)}`);
  return entries.length === 0 ? "none" : entries.join(",");
}

/**
 * The policy in force as `org show` prints it for people, a line per member named as in its JSON, each
 * marked `(own)` when the organisation sets it and `(default)` when it is the installation's.
 */
export function invitationPolicyRecord(
  defaults: InvitationPolicy,
  overrides: InvitationPolicyOverrides | null,
): Record<string, string> {
  const own = overrides ?? {};
  return Object.fromEntries(
    Object.entries(effectivePolicy(defaults, overrides)).map(([member, value]) => [
      `invitation_policy.${member}`,
      `${describeValue(value)} (${Object.hasOwn(own, member) ? "own" : "default"})`,
    ]),
  );
}

const MEMBER_ORDER = Object.keys(BUILT_IN_INVITATION_POLICY);

/** What `org set` says of the policy it wrote, its members in the policy's own order. */
export function describeOwnPolicy(trkref: string, overrides: InvitationPolicyOverrides | null): string {
  const members = Object.entries(overrides ?? {}).sort(
    ([a], [b]) => MEMBER_ORDER.indexOf(a) - MEMBER_ORDER.indexOf(b),
  );
  if (members.length === 0) return `Organisation ${trkref}: invitations follow the installation's policy`;
  const own = members.map(([member, value]) => `${member} ${describeValue(value)}`).join(", ");
  return `Organisation ${trkref}: its own invitation policy is ${own}; the rest is the installation's`;
}

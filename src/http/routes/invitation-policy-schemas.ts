import { type TProperties, Type } from "@sinclair/typebox";
import {
  BUILT_IN_INVITATION_POLICY,
  INVITATION_TRIGGERS,
  MAX_COUNTRY_DELAYS,
  POLICY_BOUNDS,
} from "../../domain/invitation-policy.js";
import { OrganisationSchema } from "../response-schemas.js";

/**
 * An organisation's invitation policy as `GET /v4/organisations/{trkref}` answers it: the policy in force,
 * and the members the organisation sets for itself (an operator sets them with `order-intake org set`).
 */

const bounded = (bounds: { min: number; max: number }, description: string) =>
  Type.Integer({ minimum: bounds.min, maximum: bounds.max, description });

const policyMembers = {
  enabled: Type.Boolean({ description: "Off: no invitation is scheduled for the organisation's orders" }),
  trigger: Type.Union(
    INVITATION_TRIGGERS.map((trigger) => Type.Literal(trigger)),
    {
      description:
        "What the delay counts from: the fulfilment date, else the order date (fulfilment_or_order); or " +
        "only the fulfilment date (fulfilment: an order without one waits for it)",
    },
  ),
  delay_days: bounded(POLICY_BOUNDS.delay_days, "Days after the trigger date"),
  country_delay_days: Type.Record(Type.String({ pattern: "^[A-Z]{2}$" }), Type.Integer({ minimum: 0 }), {
    description: `Per customer country (ISO 3166-1 alpha-2, at most ${MAX_COUNTRY_DELAYS}), in place of delay_days`,
  }),
  send_window: Type.String({
    pattern: "^\\d{2}:\\d{2}-\\d{2}:\\d{2}$",
    description: "The local hours invitations are due in, HH:MM-HH:MM, in timezone",
  }),
  timezone: Type.String({ description: "An IANA time zone name (Europe/London)" }),
  max_order_age_days: bounded(
    POLICY_BOUNDS.max_order_age_days,
    "An order whose trigger date is older than this is not invited (too_old)",
  ),
  frequency_cap_days: bounded(
    POLICY_BOUNDS.frequency_cap_days,
    "At most one invitation to one customer in this many days (capped); 0: no cap",
  ),
} satisfies TProperties;

const policyExample = { ...BUILT_IN_INVITATION_POLICY, delay_days: 5, country_delay_days: { US: 10 } };

export const InvitationPolicySchema = Type.Object(policyMembers, {
  description:
    "The invitation policy in force: the organisation's own members over the installation's defaults",
  examples: [policyExample],
});

export const InvitationPolicyOverridesSchema = Type.Partial(Type.Object(policyMembers), {
  description: "The members the organisation sets for itself; {} when it has the installation's defaults",
  examples: [{ delay_days: 5, country_delay_days: { US: 10 } }],
});

/** The organisation, as `GET /v4/organisations/{trkref}` answers it: with its invitation policy. */
export const OrganisationWithPolicySchema = Type.Object(
  {
    ...OrganisationSchema.properties,
    invitation_policy: InvitationPolicySchema,
    invitation_policy_overrides: InvitationPolicyOverridesSchema,
  },
  {
    description: "An organisation this API key may act for, with its invitation policy",
    examples: [
      {
        trkref: "DEMO",
        name: "Demo shop",
        enabled: true,
        invitation_policy: policyExample,
        invitation_policy_overrides: { delay_days: 5, country_delay_days: { US: 10 } },
      },
    ],
  },
);

import { IANAZone } from "luxon";
import { isCountryCode } from "./code-lists.js";

/**
 * What starts an invitation's delay: the fulfilment date when the order has one, else its order date
 * (`fulfilment_or_order`); or only the fulfilment date (`fulfilment`: an order without one waits for it).
 */
export const INVITATION_TRIGGERS = ["fulfilment_or_order", "fulfilment"] as const;
export type InvitationTrigger = (typeof INVITATION_TRIGGERS)[number];

/**
 * An organisation's invitation policy, in the wire's names (the API, the CLI's JSON and the stored
 * overrides share this shape). Every member has an installation default (`INVITATION_*` settings).
 */
export interface InvitationPolicy {
  /** Off: processing schedules no invitation for the organisation's orders. */
  enabled: boolean;
  trigger: InvitationTrigger;
  /** Days after the trigger date. */
  delay_days: number;
  /** Per customer country (ISO 3166-1 alpha-2), in place of `delay_days`. */
  country_delay_days: Record<string, number>;
  /** Local hours invitations are sent in, `HH:MM-HH:MM` (end up to `24:00`), in `timezone`. */
  send_window: string;
  /** An IANA time zone name. */
  timezone: string;
  /** An order whose trigger date is older than this is not invited (`too_old`). */
  max_order_age_days: number;
  /** At most one invitation to one customer per organisation in this many days; 0: no cap. */
  frequency_cap_days: number;
}

/** The members an organisation sets for itself; the others are the installation's defaults. */
export type InvitationPolicyOverrides = Partial<InvitationPolicy>;

export const BUILT_IN_INVITATION_POLICY: InvitationPolicy = {
  enabled: true,
  trigger: "fulfilment_or_order",
  delay_days: 7,
  country_delay_days: {},
  send_window: "09:00-18:00",
  timezone: "UTC",
  max_order_age_days: 180,
  frequency_cap_days: 30,
};

/** Products one invitation names at most. */
export const MAX_INVITATION_PRODUCTS = 5;
/** A product the customer was invited to review within this many days is left out of a new invitation. */
export const PRODUCT_REPEAT_DAYS = 365;

export const POLICY_BOUNDS = {
  delay_days: { min: 0, max: 365 },
  max_order_age_days: { min: 1, max: 3650 },
  frequency_cap_days: { min: 0, max: 365 },
} as const;

/** Per-country delays an organisation may set. */
export const MAX_COUNTRY_DELAYS = 250;

const WINDOW = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$/;

/** A send window's opening and closing, in minutes after local midnight. */
export interface WindowMinutes {
  open: number;
  close: number;
}

/** `09:00-18:00` as minutes, or undefined when it is not a window (its end after its start, 24:00 at most). */
export function parseSendWindow(text: string): WindowMinutes | undefined {
  const match = WINDOW.exec(text);
  if (!match) return undefined;
  const [, oh, om, ch, cm] = match.map(Number) as [number, number, number, number, number];
  const open = oh * 60 + om;
  const close = ch * 60 + cm;
  if (close > 24 * 60 || close <= open) return undefined;
  return { open, close };
}

export const isTimeZone = (name: string): boolean => IANAZone.isValidZone(name);

const isWholeIn = (value: unknown, bounds: { min: number; max: number }): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= bounds.min && value <= bounds.max;

/**
 * Checks overrides as an operator, a merchant's API request or the store sends them: every member known and
 * within its bounds. Returns what is wrong, one message per member (empty when nothing is), naming no value
 * beyond the member.
 */
export function policyOverrideErrors(input: unknown): string[] {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return ["must be an object"];
  const errors: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case "enabled":
        if (typeof value !== "boolean") errors.push("enabled: must be true or false");
        break;
      case "trigger":
        if (!INVITATION_TRIGGERS.includes(value as InvitationTrigger))
          errors.push(`trigger: must be one of ${INVITATION_TRIGGERS.join(", ")}`);
        break;
      case "delay_days":
      case "max_order_age_days":
      case "frequency_cap_days": {
        const bounds = POLICY_BOUNDS[key];
        if (!isWholeIn(value, bounds))
          errors.push(`${key}: must be a whole number from ${bounds.min} to ${bounds.max}`);
        break;
      }
      case "country_delay_days":
        errors.push(...countryDelayErrors(value));
        break;
      case "send_window":
        if (typeof value !== "string" || !parseSendWindow(value))
          errors.push("send_window: must be HH:MM-HH:MM, its end after its start (24:00 at most)");
        break;
      case "timezone":
        if (typeof value !== "string" || !isTimeZone(value))
          errors.push("timezone: must be an IANA time zone name, as Europe/London");
        break;
      default:
        errors.push(`${key}: not a member of the invitation policy`);
    }
  }
  return errors;
}

function countryDelayErrors(value: unknown): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return ["country_delay_days: must be an object of country codes to days"];
  const entries = Object.entries(value);
  if (entries.length > MAX_COUNTRY_DELAYS)
    return [`country_delay_days: at most ${MAX_COUNTRY_DELAYS} countries`];
  const errors: string[] = [];
  for (const [country, days] of entries) {
    if (!/^[A-Z]{2}$/.test(country) || !isCountryCode(country))
      errors.push(`country_delay_days: ${JSON.stringify(country)} is not an ISO 3166-1 alpha-2 code`);
    else if (!isWholeIn(days, POLICY_BOUNDS.delay_days))
      errors.push(`country_delay_days.${country}: must be a whole number from 0 to 365`);
  }
  return errors;
}

/**
 * The policy in force: the organisation's overrides over the installation's defaults. A member present but
 * undefined (as a partial object built from optional options can hold) keeps its default rather than
 * leaving the policy without it.
 */
export function effectivePolicy(
  defaults: InvitationPolicy,
  overrides: InvitationPolicyOverrides | null | undefined,
): InvitationPolicy {
  const set = Object.entries(overrides ?? {}).filter(([, value]) => value !== undefined);
  return { ...defaults, ...Object.fromEntries(set) };
}

/**
 * Decodes overrides as stored: JSON text or the value a driver parsed. A stored value that is not a valid
 * policy (written by hand, or by a newer release) is ignored member by member rather than applied.
 */
export function decodeStoredOverrides(stored: unknown): InvitationPolicyOverrides | null {
  if (stored === null || stored === undefined || stored === "") return null;
  let value: unknown = stored;
  if (typeof stored === "string") {
    try {
      value = JSON.parse(stored);
    } catch {
      return null;
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const kept: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (policyOverrideErrors({ [key]: member }).length === 0) kept[key] = member;
  }
  return kept as InvitationPolicyOverrides;
}

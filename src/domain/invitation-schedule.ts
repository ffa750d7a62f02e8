import { DateTime } from "luxon";
import { type InvitationPolicy, parseSendWindow, type WindowMinutes } from "./invitation-policy.js";
import type { NormalisedOrder } from "./normalised-order.js";

// Times are computed in the organisation's time zone with luxon, so that a send window stays at the same
// local hours across a daylight-saving change; what is stored and compared is UTC ISO 8601 text.

/** The date an order's invitation delay starts from, or undefined when the policy waits for another. */
export function triggerDateOf(order: NormalisedOrder, policy: InvitationPolicy): string | undefined {
  if (order.fulfilment_date !== undefined) return order.fulfilment_date;
  return policy.trigger === "fulfilment" ? undefined : order.order_date;
}

/** The delay for the customer's country, or the policy's own. */
export function delayDaysFor(order: NormalisedOrder, policy: InvitationPolicy): number {
  const country = order.customer.country;
  const own =
    country !== undefined && Object.hasOwn(policy.country_delay_days, country)
      ? policy.country_delay_days[country]
      : undefined;
  return own ?? policy.delay_days;
}

const windowOf = (policy: InvitationPolicy): WindowMinutes =>
  parseSendWindow(policy.send_window) ?? { open: 0, close: 24 * 60 };

/** Local `minutes` after the start of `day`'s date, in its zone (a time a DST gap skips moves past the gap). */
const atMinutes = (day: DateTime, minutes: number): DateTime =>
  day.startOf("day").set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });

/** The first instant at or after `from` inside the send window: `from` itself, that day's opening, or the next day's. */
export function intoSendWindow(from: DateTime, policy: InvitationPolicy): DateTime {
  const { open, close } = windowOf(policy);
  const opening = atMinutes(from, open);
  if (from < opening) return opening;
  const closing = close === 24 * 60 ? from.startOf("day").plus({ days: 1 }) : atMinutes(from, close);
  if (from < closing) return from;
  return atMinutes(from.startOf("day").plus({ days: 1 }), open);
}

const utcText = (time: DateTime): string => time.toUTC().toISO() ?? time.toJSDate().toISOString();

/**
 * When an invitation is due: local midnight of the trigger date plus the delay, in the organisation's zone,
 * or `now` if that has passed; moved to the next opening of the send window when outside it.
 */
export function dueAtFor(
  triggerDate: string,
  delayDays: number,
  policy: InvitationPolicy,
  now: Date,
): string {
  const zone = policy.timezone;
  const earliest = DateTime.fromISO(triggerDate, { zone }).startOf("day").plus({ days: delayDays });
  const current = DateTime.fromJSDate(now, { zone });
  return utcText(intoSendWindow(DateTime.max(earliest, current), policy));
}

/** The trigger date is older than the policy's maximum age, counted in whole days in the organisation's zone. */
export function isTooOld(triggerDate: string, policy: InvitationPolicy, at: Date): boolean {
  const zone = policy.timezone;
  const trigger = DateTime.fromISO(triggerDate, { zone }).startOf("day");
  const today = DateTime.fromJSDate(at, { zone }).startOf("day");
  return today.diff(trigger, "days").days > policy.max_order_age_days;
}

/** `days` before `at`, as UTC ISO text. */
export const daysBefore = (at: Date, days: number): string =>
  new Date(at.getTime() - days * 86_400_000).toISOString();

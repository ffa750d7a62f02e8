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

// Dates beyond this have no due time a timer can hold (a fulfilment date may be as late as 9999-12-31): such
// an invitation waits at the end of the calendar, which is never.
const LAST_DAY = "9999-12-30";

/** A `yyyy-mm-dd` date `days` later (or earlier) by the calendar: dates have no zone. */
export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() + days);
  const moved = day.toISOString();
  return moved.length === 24 ? moved.slice(0, 10) : LAST_DAY;
}

/**
 * Memoised by `now`: every order of a processing batch is scheduled at the same instant, and the zone
 * arithmetic is most of the cost of scheduling one. Small and bounded: a batch asks a handful of questions.
 */
const remembered = new Map<string, string>();
function remember(key: string, compute: () => string): string {
  const known = remembered.get(key);
  if (known !== undefined) return known;
  if (remembered.size >= 256) remembered.clear();
  const value = compute();
  remembered.set(key, value);
  return value;
}

/** The first instant at or after `now` inside the send window, as UTC text. */
const nextOpening = (now: Date, policy: InvitationPolicy): string =>
  remember(`open|${now.getTime()}|${policy.timezone}|${policy.send_window}`, () =>
    utcText(intoSendWindow(DateTime.fromJSDate(now, { zone: policy.timezone }), policy)),
  );

/**
 * When an invitation is due: local midnight of the trigger date plus the delay, in the organisation's zone,
 * or `now` if that has passed; moved to the next opening of the send window when outside it. That is the
 * window's opening on the due date when it is still to come, else the next opening from now.
 */
export function dueAtFor(
  triggerDate: string,
  delayDays: number,
  policy: InvitationPolicy,
  now: Date,
): string {
  const [year, month, day] = addDays(triggerDate, delayDays).split("-").map(Number);
  const { open } = windowOf(policy);
  // A time a DST gap skips moves past the gap.
  const opening = DateTime.fromObject(
    { year, month, day, hour: Math.floor(open / 60), minute: open % 60 },
    { zone: policy.timezone },
  );
  if (opening.toMillis() > now.getTime()) return utcText(opening);
  return nextOpening(now, policy);
}

/** The date `at` is in the organisation's zone, less `days`: the oldest trigger date still invited. */
const oldestInvited = (policy: InvitationPolicy, at: Date): string =>
  remember(`oldest|${at.getTime()}|${policy.timezone}|${policy.max_order_age_days}`, () =>
    addDays(
      DateTime.fromJSDate(at, { zone: policy.timezone }).toISODate() ?? LAST_DAY,
      -policy.max_order_age_days,
    ),
  );

/** The trigger date is older than the policy's maximum age, counted in whole days in the organisation's zone. */
export function isTooOld(triggerDate: string, policy: InvitationPolicy, at: Date): boolean {
  return triggerDate < oldestInvited(policy, at);
}

/** `days` before `at`, as UTC ISO text. */
export const daysBefore = (at: Date, days: number): string =>
  new Date(at.getTime() - days * 86_400_000).toISOString();

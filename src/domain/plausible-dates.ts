import { MAX_WARNINGS } from "./unknown-fields.js";
import type { Issues } from "./validation-issues.js";

const EARLIEST_PLAUSIBLE_YEAR = 1990;
/** Dates before this (ISO) are accepted with an `implausible_date` warning: no order here is that old. */
const EARLIEST_PLAUSIBLE_DATE = `${EARLIEST_PLAUSIBLE_YEAR}-01-01`;

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/**
 * The last plausible date, ISO: a year after `today`'s date in UTC (a 29 February gives a date past every
 * 28 February, which string comparison handles without the date existing). `undefined` when no date can be
 * later: an invalid `today`, or one whose next year has more than four digits.
 */
function latestPlausibleDate(today: Date): string | undefined {
  if (!Number.isFinite(today.getTime())) return undefined;
  const year = today.getUTCFullYear() + 1;
  if (year > 9999) return undefined;
  return `${pad(year, 4)}-${pad(today.getUTCMonth() + 1, 2)}-${pad(today.getUTCDate(), 2)}`;
}

/** Why the ISO date `iso` is implausible on `today`, or `undefined` when it is not. */
function implausibility(iso: string, today: Date): string | undefined {
  // ISO dates with four-digit years compare correctly as strings.
  if (iso < EARLIEST_PLAUSIBLE_DATE) return `is before ${EARLIEST_PLAUSIBLE_YEAR}`;
  const latest = latestPlausibleDate(today);
  if (latest !== undefined && iso > latest) return "is more than a year after today";
  return undefined;
}

/**
 * Warns about a valid date (`iso`, sent as `sent`) before 1990 or more than a year after `today`: accepted,
 * since the client may mean it, but most likely a typing mistake or a wrong default in the shop system.
 */
export function warnImplausibleDate(
  issues: Issues,
  iso: string,
  sent: string,
  pointer: string,
  today: Date,
): void {
  if (issues.warnings.length >= MAX_WARNINGS) return;
  const reason = implausibility(iso, today);
  if (reason === undefined) return;
  issues.warnings.push({ pointer, code: "implausible_date", message: `${sent} ${reason}; check the date` });
}

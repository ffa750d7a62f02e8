import type { QueryReader } from "./query-reader.js";

// RFC 3339's date-time, seconds optional: a date, a time and a UTC offset, so that the instant is certain.
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
/** The first year both databases hold; the stored form's four digits end at 9999. */
const EARLIEST_YEAR = 1;
/** The form every timestamp is stored in, whose order as text is its order in time. */
const STORED_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The instant `text` names, in the stored form (UTC, milliseconds), or undefined when it names none (not
 * that form, or a date that does not exist). Digits past the millisecond are dropped: stored times have
 * none, so "after" compares the same either way.
 */
export function parseTimestamp(text: string): string | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  // The groups the pattern requires are there; an optional one that is not counts as 0.
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 10, 11].map(
    (group) => Number(match[group] ?? 0),
  ) as [number, number, number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const milliseconds = Number((match[7] ?? "").padEnd(3, "0").slice(0, 3));
  const offset = (match[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  date.setUTCHours(hour, minute - offset, second, milliseconds);
  const stored = date.toISOString();
  // Year 0 (which an offset can reach from 0001) is a valid ISO year but not a PostgreSQL one.
  const inRange = date.getUTCFullYear() >= EARLIEST_YEAR;
  return inRange && STORED_FORM.test(stored) ? stored : undefined;
}

/** The parameter `name` as a stored-form instant, or undefined when absent (or wrong, then reported). */
export function readTimestamp(reader: QueryReader, name: string): string | undefined {
  const text = reader.text(name, "invalid_timestamp");
  if (text === undefined) return undefined;
  const instant = parseTimestamp(text);
  if (instant !== undefined) return instant;
  // A "+" left unescaped in a URL's query is read as a space: say so rather than only that it is wrong.
  const plusAsSpace = parseTimestamp(text.replace(" ", "+")) !== undefined;
  reader.refuse(
    name,
    "invalid_timestamp",
    plusAsSpace
      ? `"${text}" has a space where the offset's + belongs: a + in a query string is read as a space, so write it %2B, or give the time in UTC with Z`
      : `"${text.slice(0, 40)}" is not an ISO 8601 date and time with a UTC offset (2026-11-28T04:53:50Z, 2026-11-28T05:53:50.250+01:00)`,
  );
  return undefined;
}

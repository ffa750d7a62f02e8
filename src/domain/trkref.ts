/**
 * Upper-case letters and digits in groups joined by single hyphens or underscores, e.g. `ABC-XYZ`, or
 * `ACER_EN_GB` as the original's own documentation writes them.
 */
export const TRKREF_PATTERN = "^[A-Z0-9]+([-_][A-Z0-9]+)*$";
export const TRKREF_MAX_LENGTH = 64;

/** The rule in words, for every message and description that states it. */
export const TRKREF_RULE = `upper-case letters and digits in groups joined by single hyphens or underscores, at most ${TRKREF_MAX_LENGTH} characters`;

const trkrefRegExp = new RegExp(TRKREF_PATTERN);

/** True when `value` is a well-formed organisation reference. */
export function isTrkref(value: unknown): value is string {
  return typeof value === "string" && value.length <= TRKREF_MAX_LENGTH && trkrefRegExp.test(value);
}

/**
 * What `value` must be instead, as a phrase ("must be upper case (ACME, not acme)"). A trkref sent in lower
 * case is the commonest mistake, so the phrase then names the upper-case form the client most likely meant.
 */
export function trkrefCorrection(value: string): string {
  const upper = value.toUpperCase();
  if (upper !== value && isTrkref(upper)) return `must be upper case (${upper}, not ${value})`;
  return `must be ${TRKREF_RULE}`;
}

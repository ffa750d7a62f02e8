/** Upper-case letters and digits in groups joined by single hyphens, e.g. `ABC-XYZ`. */
export const TRKREF_PATTERN = "^[A-Z0-9]+(-[A-Z0-9]+)*$";
export const TRKREF_MAX_LENGTH = 64;

const trkrefRegExp = new RegExp(TRKREF_PATTERN);

/** True when `value` is a well-formed organisation reference. */
export function isTrkref(value: unknown): value is string {
  return typeof value === "string" && value.length <= TRKREF_MAX_LENGTH && trkrefRegExp.test(value);
}

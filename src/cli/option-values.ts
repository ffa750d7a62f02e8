import { usageError } from "./cli-error.js";

/** The value of a whole-number option (`--limit 20`) from `min` to `max`; exit 2 for anything else. */
export function parseWholeNumber(text: string, option: string, min: number, max: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw usageError(`${option} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

import type { JsonObject } from "./json-access.js";
import { childPointer } from "./json-access.js";
import type { Issues } from "./validation-issues.js";

/** The fields one object of the document takes, and the names clients have been seen to send instead. */
export interface FieldGuide {
  /** Every name read at this level, aliases included: these never raise a warning. */
  readonly accepted: ReadonlySet<string>;
  /** Field names a hint may point at (aliases excluded, so no hint suggests a misspelling). */
  readonly fields: readonly string[];
  /** Lower-cased wrong name → the field meant. */
  readonly hints: ReadonlyMap<string, string>;
}

/** Hints are only looked for up to this edit distance; further off, a guess would mislead more than help. */
const MAX_HINT_DISTANCE = 2;

function camelCase(field: string): string {
  return field.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** Builds a guide once at module load; `misspellings` maps wrong names to the fields they stand for. */
export function createFieldGuide(
  fields: readonly string[],
  misspellings: Readonly<Record<string, string>> = {},
  aliases: readonly string[] = [],
): FieldGuide {
  const hints = new Map<string, string>();
  for (const field of fields) {
    // Keys are lower-cased at lookup, so `orderRef`, `OrderRef`, `ORDER_REF` and `orderref` all land here.
    hints.set(field, field);
    hints.set(camelCase(field).toLowerCase(), field);
  }
  for (const [wrong, field] of Object.entries(misspellings)) hints.set(wrong.toLowerCase(), field);
  return { accepted: new Set([...fields, ...aliases]), fields, hints };
}

/** Levenshtein distance, giving up (returning `limit + 1`) as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const cell = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      current.push(cell);
      rowMin = Math.min(rowMin, cell);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** The field an unknown name most likely meant, or `undefined` when none is close enough. */
export function suggestField(name: string, guide: FieldGuide): string | undefined {
  const lower = name.toLowerCase();
  const listed = guide.hints.get(lower);
  if (listed !== undefined) return listed;
  let best: string | undefined;
  let bestDistance = MAX_HINT_DISTANCE + 1;
  for (const field of guide.fields) {
    const distance = editDistance(lower, field, MAX_HINT_DISTANCE);
    if (distance < bestDistance) {
      best = field;
      bestDistance = distance;
    }
  }
  return best;
}

/** Records an `unknown_field` warning, with a hint when one is given. */
export function warnUnknownField(
  issues: Issues,
  pointer: string,
  name: string,
  hint: string | undefined,
): void {
  const message = `Unknown field ${JSON.stringify(name)} was ignored`;
  issues.warnings.push(
    hint === undefined
      ? { pointer, code: "unknown_field", message }
      : { pointer, code: "unknown_field", message, hint },
  );
}

/**
 * Most warnings one document gets. Warnings only inform, and a body of thousands of unknown keys should not
 * make an answer (and the hint search behind it) as large as itself.
 */
export const MAX_WARNINGS = 100;

/** Warns about every own key of `object` that the guide does not accept, up to MAX_WARNINGS in all. */
export function warnUnknownFields(
  issues: Issues,
  object: JsonObject,
  pointer: string,
  guide: FieldGuide,
): void {
  for (const name of Object.keys(object)) {
    if (issues.warnings.length >= MAX_WARNINGS) return;
    if (!guide.accepted.has(name)) {
      warnUnknownField(issues, childPointer(pointer, name), name, suggestField(name, guide));
    }
  }
}

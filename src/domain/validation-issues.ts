import {
  type FieldError,
  type FieldErrorCode,
  type FieldWarning,
  fieldErrorCatalogue,
} from "./field-errors.js";

/** The errors and warnings one validation pass gathers; every reader appends to the same lists. */
export interface Issues {
  readonly errors: FieldError[];
  readonly warnings: FieldWarning[];
}

/** A fresh, empty pair of lists for one document. */
export function createIssues(): Issues {
  return { errors: [], warnings: [] };
}

/** Records an error and returns `undefined`, so that a reader can `return reject(...)` in one line. */
export function reject(
  issues: Issues,
  pointer: string,
  code: FieldErrorCode,
  message: string = fieldErrorCatalogue[code],
): undefined {
  issues.errors.push({ pointer, code, message });
  return undefined;
}

/** The message for a value of the wrong JSON type, naming the types the field takes. */
export function expected(types: string): string {
  return `Must be ${types}`;
}

/** The message for a string over its limit. */
export function tooLong(max: number): string {
  return `Must be at most ${max} characters`;
}

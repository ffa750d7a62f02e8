import type { FieldError, FieldErrorCode } from "../domain/field-errors.js";
import { type ProblemCode, problemCatalogue } from "./problem-catalogue.js";

/**
 * Members that clients of the original v4 API parse in our answers, kept beside the RFC 9457 ones so that
 * those clients work unchanged (docs/api.md, "Members kept for v4 clients"). Our structured field errors
 * travel as `invalid_params` (the name RFC 7807's example gave such a list, in this API's snake case), since
 * `errors`, the name of RFC 9457's example, is the original's list of strings.
 */

/** The field a JSON Pointer names, as the original wrote it: `/order_items/1/sku` → `order_items[1].sku`. */
function fieldPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((path, token) => {
      if (/^(0|[1-9]\d*)$/.test(token)) return `${path}[${token}]`;
      return path === "" ? token : `${path}.${token}`;
    }, "");
}

// Codes that say a value is missing: the original said "<field> cannot be blank" for each of them.
const missingCodes: ReadonlySet<FieldErrorCode> = new Set(["required", "blank"]);
// Codes that are not about the shape of one field: their own message says best what to do.
const ownMessageCodes: ReadonlySet<FieldErrorCode> = new Set([
  "date_required",
  "key_not_allowed",
  "feature_disabled",
]);

/** One field error as the original's one-line string: `"locale cannot be blank"`, `"invalid locale"`. */
function legacyErrorText(error: FieldError): string {
  const field = fieldPath(error.pointer);
  if (field === "" || ownMessageCodes.has(error.code)) return error.message;
  return missingCodes.has(error.code) ? `${field} cannot be blank` : `invalid ${field}`;
}

/** The `errors` and `invalid_params` members of an answer that lists wrong fields. */
export function fieldErrorMembers(errors: readonly FieldError[]) {
  return { errors: errors.map(legacyErrorText), invalid_params: errors };
}

/** The original answered every 403 with this member. */
export function accessDeniedMember(code: ProblemCode) {
  return problemCatalogue[code].status === 403 ? { error: "Access denied" } : {};
}

/** The batch endpoint's 401 carried `"errors": "Unauthorized"` (a string, unlike everywhere else). */
export const BATCH_UNAUTHORIZED_MEMBERS = { errors: "Unauthorized" } as const;

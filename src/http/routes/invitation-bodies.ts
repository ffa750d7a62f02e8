import { type FieldError, type FieldErrorCode, fieldErrorCatalogue } from "../../domain/field-errors.js";
import { readRef } from "../../domain/field-readers.js";
import {
  CANCELLATION_REASONS,
  type CancellationReason,
  DELIVERY_STATUSES,
  type DeliveryStatus,
} from "../../domain/invitations.js";
import { MAX_REF_LENGTH } from "../../domain/order-limits.js";
import { createIssues } from "../../domain/validation-issues.js";

/**
 * The bodies that cancel an order or an invitation, and that report a delivery, read with every wrong member
 * reported at once. An unknown member is refused rather than ignored: a misspelt `skus` would otherwise
 * cancel the whole order.
 */

/** SKUs one cancellation names at most: an order has far fewer items than this. */
export const MAX_CANCELLED_SKUS = 500;

const MAX_UNKNOWN_MEMBERS_SHOWN = 20;

export type BodyReading<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const fieldError = (pointer: string, code: FieldErrorCode, message: string = fieldErrorCatalogue[code]) => ({
  pointer,
  code,
  message,
});

const pointerTo = (name: string) => `/${name.slice(0, 64).replaceAll("~", "~0").replaceAll("/", "~1")}`;

/** The body's members (no body at all: none), or the errors of a body that is not an object. */
function membersOf(
  body: unknown,
  known: readonly string[],
  takes: string,
): { members: Record<string, unknown>; errors: FieldError[] } {
  // Only a request without a body means "nothing given": a JSON null is a body, and not an object.
  const value = body === undefined ? {} : body;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { members: {}, errors: [fieldError("", "wrong_type", `Send a JSON object${takes}`)] };
  }
  const members = value as Record<string, unknown>;
  const errors = Object.keys(members)
    .filter((name) => !known.includes(name))
    .slice(0, MAX_UNKNOWN_MEMBERS_SHOWN)
    .map((name) => fieldError(pointerTo(name), "unknown_member", `Unknown member${takes}`));
  return { members, errors };
}

function readChoice<T extends string>(
  value: unknown,
  pointer: string,
  choices: readonly T[],
  errors: FieldError[],
): T | undefined {
  const allowed = `one of ${choices.join(", ")}`;
  if (typeof value !== "string") {
    errors.push(fieldError(pointer, "wrong_type", `Must be a string, ${allowed}`));
    return undefined;
  }
  if ((choices as readonly string[]).includes(value)) return value as T;
  errors.push(fieldError(pointer, "invalid_choice", `Must be ${allowed}`));
  return undefined;
}

/** Each SKU as the order document reads an item's (so that it compares with the stored order's), once. */
function readSkus(value: unknown, errors: FieldError[]): string[] | undefined {
  if (!Array.isArray(value)) {
    errors.push(
      fieldError("/skus", "wrong_type", "Must be an array of SKUs; leave it out to cancel the whole order"),
    );
    return undefined;
  }
  if (value.length === 0) {
    errors.push(
      fieldError("/skus", "empty_list", "Name at least one SKU; leave it out to cancel the whole order"),
    );
    return undefined;
  }
  if (value.length > MAX_CANCELLED_SKUS) {
    errors.push(fieldError("/skus", "too_many", `Must have at most ${MAX_CANCELLED_SKUS} entries`));
    return undefined;
  }
  const issues = createIssues();
  const skus = value.map((sku, index) => readRef(issues, sku, `/skus/${index}`, MAX_REF_LENGTH, true));
  errors.push(...issues.errors);
  return [...new Set(skus.filter((sku) => sku !== undefined))];
}

/** What a merchant reports of an order: why, and which SKUs (null: the whole order). */
export interface OrderCancellationInput {
  reason: CancellationReason;
  skus: string[] | null;
}

/** `{"reason"?, "skus"?}`; no body, or `{}`, cancels the whole order as `cancelled`. */
export function readOrderCancellation(body: unknown): BodyReading<OrderCancellationInput> {
  const { members, errors } = membersOf(body, ["reason", "skus"], "; a cancellation takes reason and skus");
  const reason = Object.hasOwn(members, "reason")
    ? readChoice(members.reason, "/reason", CANCELLATION_REASONS, errors)
    : "cancelled";
  const skus = Object.hasOwn(members, "skus") ? readSkus(members.skus, errors) : null;
  if (errors.length > 0 || reason === undefined || skus === undefined) return { ok: false, errors };
  return { ok: true, value: { reason, skus } };
}

/** An invitation's cancellation takes no members: no body, or `{}`. */
export function readInvitationCancellation(body: unknown): BodyReading<null> {
  const { errors } = membersOf(body, [], "; an invitation's cancellation takes none: send {} or no body");
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: null };
}

/** `{"status": "sent" | "bounced" | "complained"}`. */
export function readDeliveryReport(body: unknown): BodyReading<DeliveryStatus> {
  const { members, errors } = membersOf(body, ["status"], "; a delivery report takes status");
  if (errors.some((error) => error.pointer === "")) return { ok: false, errors };
  if (!Object.hasOwn(members, "status")) {
    errors.push(fieldError("/status", "required", `Send the status: one of ${DELIVERY_STATUSES.join(", ")}`));
    return { ok: false, errors };
  }
  const status = readChoice(members.status, "/status", DELIVERY_STATUSES, errors);
  if (errors.length > 0 || status === undefined) return { ok: false, errors };
  return { ok: true, value: status };
}

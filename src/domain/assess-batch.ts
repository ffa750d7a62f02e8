import type { BatchOrderResult } from "./batch-result.js";
import type { FieldError } from "./field-errors.js";
import type { NormalisedOrder } from "./normalised-order.js";
import type { OrderLimits } from "./order-limits.js";
import { submissionRefusal } from "./submission-permission.js";
import { isTrkref } from "./trkref.js";
import { validateOrder } from "./validate-order.js";

/** What the caller knows about the organisations a batch names. */
export interface BatchPermissions {
  /** Organisations the API key may act for. */
  allowed: ReadonlySet<string>;
  /** Organisations that have order submission switched on. */
  enabled: ReadonlySet<string>;
}

/** One order of a batch that passed every check, with the id it was given. */
export interface AcceptedBatchOrder {
  id: string;
  order: NormalisedOrder;
  raw: unknown;
}

/** The trkrefs a batch names, so that the caller can look their organisations up once each. */
export function trkrefsNamedIn(documents: readonly unknown[]): string[] {
  const named = new Set<string>();
  for (const document of documents) {
    const trkref = (document as { trkref?: unknown } | null)?.trkref;
    if (isTrkref(trkref)) named.add(trkref);
  }
  return [...named];
}

/**
 * Validates each order of a batch on its own: an order is rejected for its own errors, or because the key
 * may not act for its trkref, or because its organisation has the feature off; the others are accepted.
 * `today` is the app's clock, against which the dates are judged plausible.
 */
export function assessBatch(
  documents: readonly unknown[],
  limits: OrderLimits,
  permissions: BatchPermissions,
  newId: () => string,
  today: Date = new Date(),
): { results: BatchOrderResult[]; accepted: AcceptedBatchOrder[] } {
  const results: BatchOrderResult[] = [];
  const accepted: AcceptedBatchOrder[] = [];
  documents.forEach((document, index) => {
    const validation = validateOrder(document, limits, { today });
    const orderRef = readOrderRef(document);
    const errors: FieldError[] = [
      ...(validation.ok ? [] : validation.errors),
      ...permissionErrors(document, permissions),
    ];
    const warnings = validation.warnings.length > 0 ? { warnings: validation.warnings } : {};
    if (!validation.ok || errors.length > 0) {
      results.push({ index, order_ref: orderRef, status: "rejected", errors, ...warnings });
      return;
    }
    const id = newId();
    accepted.push({ id, order: validation.order, raw: document });
    results.push({ index, order_ref: orderRef, status: "accepted", id, ...warnings });
  });
  return { results, accepted };
}

function permissionErrors(document: unknown, permissions: BatchPermissions): FieldError[] {
  const trkref = (document as { trkref?: unknown } | null)?.trkref;
  if (!isTrkref(trkref)) return [];
  const refusal = submissionRefusal(trkref, {
    keyMayActFor: permissions.allowed.has(trkref),
    organisationEnabled: permissions.enabled.has(trkref),
  });
  return refusal ? [{ pointer: "/trkref", ...refusal }] : [];
}

/** The order_ref as the client sent it, for the result line; null when it is missing or unusable. */
function readOrderRef(document: unknown): string | null {
  const value = (document as { order_ref?: unknown } | null)?.order_ref;
  if (typeof value === "string") return value;
  return typeof value === "number" && Number.isSafeInteger(value) ? String(value) : null;
}

import { checkDocumentShape } from "./document-shape.js";
import type { FieldError, FieldWarning } from "./field-errors.js";
import { readDate, readLanguage, readLocale, readRef } from "./field-readers.js";
import { InexactNumber } from "./inexact-number.js";
import { dropUndefined, isAbsent, isJsonObject, type JsonObject, ownValue } from "./json-access.js";
import type { NormalisedOrder } from "./normalised-order.js";
import { MAX_REF_LENGTH, type OrderLimits } from "./order-limits.js";
import { warnImplausibleDate } from "./plausible-dates.js";
import { isTrkref, trkrefCorrection } from "./trkref.js";
import { createFieldGuide, warnUnknownFields } from "./unknown-fields.js";
import { validateCustomer } from "./validate-customer.js";
import { validateItems } from "./validate-items.js";
import { createIssues, expected, type Issues, reject } from "./validation-issues.js";

/** The outcome of validating one order document: the normalised order, or every error found. */
export type OrderValidation =
  | { ok: true; order: NormalisedOrder; warnings: FieldWarning[] }
  | { ok: false; noData: boolean; errors: FieldError[]; warnings: FieldWarning[] };

/** Options that depend on how the document arrived. */
export interface ValidateOrderOptions {
  /** The trkref of the request path; the document's own trkref must equal it. */
  pathTrkref?: string;
  /** The moment of validation, from the app's clock; dates far from it get a warning. Default: now. */
  today?: Date;
}

const orderGuide = createFieldGuide(
  ["trkref", "order_ref", "order_date", "fulfilment_date", "language", "locale", "customer", "order_items"],
  {
    fulfillment_date: "fulfilment_date",
    order_reference: "order_ref",
    order_id: "order_ref",
    items: "order_items",
    lang: "language",
  },
);

function readTrkref(issues: Issues, value: unknown, pathTrkref: string | undefined): string | undefined {
  if (isAbsent(value)) return reject(issues, "/trkref", "required");
  if (typeof value !== "string") return reject(issues, "/trkref", "wrong_type", expected("a string"));
  if (!isTrkref(value))
    return reject(issues, "/trkref", "invalid_trkref", capitalise(trkrefCorrection(value)));
  if (pathTrkref !== undefined && value !== pathTrkref) return reject(issues, "/trkref", "trkref_mismatch");
  return value;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Both dates, checked together: at least one is required, and fulfilment cannot precede the order. */
function readDates(issues: Issues, document: JsonObject, today: Date) {
  const orderValue = ownValue(document, "order_date");
  const fulfilmentValue = ownValue(document, "fulfilment_date");
  if (isAbsent(orderValue) && isAbsent(fulfilmentValue)) {
    reject(issues, "", "date_required");
    return {};
  }
  const order_date = readDate(issues, orderValue, "/order_date");
  const fulfilment_date = readDate(issues, fulfilmentValue, "/fulfilment_date");
  if (order_date !== undefined)
    warnImplausibleDate(issues, order_date, String(orderValue), "/order_date", today);
  if (fulfilment_date !== undefined)
    warnImplausibleDate(issues, fulfilment_date, String(fulfilmentValue), "/fulfilment_date", today);
  // ISO dates with four-digit years compare correctly as strings.
  if (order_date !== undefined && fulfilment_date !== undefined && fulfilment_date < order_date) {
    reject(issues, "/fulfilment_date", "fulfilment_before_order");
  }
  return { order_date, fulfilment_date };
}

function validateDocument(
  issues: Issues,
  document: JsonObject,
  limits: OrderLimits,
  pathTrkref: string | undefined,
  today: Date,
): NormalisedOrder | undefined {
  // Unknown fields first, so that top-level warnings come before those of the customer and the items.
  warnUnknownFields(issues, document, "", orderGuide);
  const order = {
    trkref: readTrkref(issues, ownValue(document, "trkref"), pathTrkref),
    order_ref: readRef(issues, ownValue(document, "order_ref"), "/order_ref", MAX_REF_LENGTH, true),
    ...readDates(issues, document, today),
    language: readLanguage(issues, ownValue(document, "language"), "/language"),
    locale: readLocale(issues, ownValue(document, "locale"), "/locale"),
    customer: validateCustomer(issues, ownValue(document, "customer"), "/customer", limits),
    order_items: validateItems(issues, ownValue(document, "order_items"), "/order_items", limits),
  };
  const { trkref, order_ref, customer, order_items } = order;
  // A required field is undefined only when an error was recorded for it; the test also narrows the types.
  const complete = trkref !== undefined && order_ref !== undefined && customer !== undefined;
  if (!complete || order_items === undefined || issues.errors.length > 0) return undefined;
  return dropUndefined({ ...order, trkref, order_ref, customer, order_items });
}

/**
 * Validates one order document in a single pass, reporting every error at once with its JSON Pointer, and
 * returns the order in canonical form (see `NormalisedOrder`). Unknown fields are ignored with a warning,
 * and dates far from `today` are accepted with one.
 */
export function validateOrder(
  input: unknown,
  limits: OrderLimits,
  options: ValidateOrderOptions = {},
): OrderValidation {
  const isEmptyObject = isJsonObject(input) && Object.keys(input).length === 0;
  if (input === undefined || input === null || isEmptyObject) {
    return {
      ok: false,
      noData: true,
      errors: [{ pointer: "", code: "required", message: "No data provided" }],
      warnings: [],
    };
  }
  // A number standing for the whole order (a batch entry) is no object, however many digits it has.
  if (!isJsonObject(input) || input instanceof InexactNumber) {
    const errors: FieldError[] = [{ pointer: "", code: "wrong_type", message: expected("a JSON object") }];
    return { ok: false, noData: false, errors, warnings: [] };
  }
  const issues = createIssues();
  // Keys, nesting and numbers no field may hold are refused first and alone: the fields below are not read.
  if (!checkDocumentShape(issues, input)) return { ok: false, noData: false, ...issues };
  const today = options.today ?? new Date();
  const order = validateDocument(issues, input, limits, options.pathTrkref, today);
  if (order === undefined) return { ok: false, noData: false, ...issues };
  return { ok: true, order, warnings: issues.warnings };
}

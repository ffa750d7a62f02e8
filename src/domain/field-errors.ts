import { MAX_DOCUMENT_DEPTH } from "./order-limits.js";
import { TRKREF_RULE } from "./trkref.js";

/**
 * Codes of the errors validation finds in an order document: one per wrong field, each with the field's JSON
 * Pointer. The messages here are the defaults; a validator may give a more specific one.
 */
export const fieldErrorCatalogue = {
  required: "This field is required",
  wrong_type: "This field has the wrong JSON type",
  blank: "This field must not be blank",
  too_long: "This value is too long",
  too_many: "This list has too many entries",
  empty_list: "This list must have at least one entry",
  invalid_trkref: `Must be ${TRKREF_RULE}`,
  trkref_mismatch: "Must equal the trkref in the request path",
  invalid_date: "Must be a real calendar date written dd-mm-yyyy",
  date_required: "At least one of order_date and fulfilment_date is required",
  fulfilment_before_order: "The fulfilment date must not be before the order date",
  invalid_language: "Must be an ISO 639-1 two-letter language code",
  invalid_locale:
    "Must be an ISO 639-1 language and an ISO 3166-1 alpha-2 country joined by a hyphen (en-GB)",
  invalid_country: "Must be an ISO 3166-1 alpha-2 country code",
  invalid_currency: "Must be an ISO 4217 alpha-3 currency code",
  invalid_email: "Must be a valid email address of at most 254 characters",
  invalid_price: 'Must be digits with an optional decimal comma ("55,99") or a non-negative number',
  invalid_metadata_name: "Metadata names are lower-case letters, digits and underscores",
  invalid_metadata_value: "Metadata values are JSON values, with finite numbers",
  not_an_integer: "Numbers are accepted here only as whole numbers",
  prototype_key: "Keys named __proto__, and a prototype key inside a constructor key, are refused",
  too_deep: `Arrays and objects may nest at most ${MAX_DOCUMENT_DEPTH} levels deep in one order document`,
  inexact_number: "This number cannot be held exactly as a 64-bit float; send it as a string",
  invalid_character: "Must not contain the NUL character (U+0000) or an unpaired surrogate (\\uD800-\\uDFFF)",
  key_not_allowed: "This API key may not submit orders for this organisation",
  feature_disabled: "Customer order submission is not enabled for this organisation",
  // The query parameters of a listing, answered in `invalid_query` with a pointer to the parameter's name.
  unknown_parameter: "This query parameter is unknown",
  invalid_choice: "Must be one of the values this parameter takes",
  invalid_limit: "Must be a whole number within the page limits",
  invalid_timestamp: "Must be an ISO 8601 date and time with a UTC offset (2026-11-28T04:53:50Z)",
  invalid_cursor: "Must be the next cursor of a previous page of the same listing, as it was received",
  // A new webhook endpoint's members, answered in `invalid_webhook_endpoint`.
  invalid_url: "Must be an absolute https URL with no user name, password or fragment",
  address_not_public: "Must not name a loopback, private or otherwise non-public IP address",
  unknown_member: "This member is unknown to this endpoint",
} as const satisfies Record<string, string>;

/** The stable code of a field error, never renamed once released. */
export type FieldErrorCode = keyof typeof fieldErrorCatalogue;

/** One wrong field of a document. */
export interface FieldError {
  /** RFC 6901 JSON Pointer to the field, e.g. `/order_items/1/sku`; `""` is the whole document. */
  pointer: string;
  code: FieldErrorCode;
  message: string;
}

/**
 * Codes of the entries in a `warnings` array: something the service accepted but the client should look at.
 * The messages here are the defaults; the validator gives a more specific one.
 */
export const fieldWarningCatalogue = {
  unknown_field: "This field is unknown and was ignored",
  implausible_date: "This date is far from any plausible order date; check it",
  customer_suppressed:
    "This customer is on the organisation's suppression list: the order is kept without their personal data, and nothing will contact them",
} as const satisfies Record<string, string>;

/** The stable code of a field warning, never renamed once released. */
export type FieldWarningCode = keyof typeof fieldWarningCatalogue;

/** One field the service ignored or doubts; `hint` (unknown fields only) names the field probably meant. */
export interface FieldWarning {
  pointer: string;
  code: FieldWarningCode;
  message: string;
  hint?: string;
}

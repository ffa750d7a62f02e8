import { readCountry, readEmail, readRef, readText } from "./field-readers.js";
import { dropUndefined, isAbsent, isJsonObject, type JsonObject, ownValue } from "./json-access.js";
import type { NormalisedCustomer } from "./normalised-order.js";
import type { OrderLimits } from "./order-limits.js";
import { createFieldGuide, warnUnknownField, warnUnknownFields } from "./unknown-fields.js";
import { expected, type Issues, reject } from "./validation-issues.js";

/** The published example of the v4 API spells `customer_ref` this way; clients copied it. */
const CUSTOMER_REF_ALIAS = "cutomer_ref";

const customerGuide = createFieldGuide(
  ["email", "customer_ref", "title", "first_name", "surname", "postcode", "country"],
  {
    customer_reference: "customer_ref",
    customer_id: "customer_ref",
    email_address: "email",
    last_name: "surname",
    family_name: "surname",
    given_name: "first_name",
    postal_code: "postcode",
    post_code: "postcode",
    zip: "postcode",
    zip_code: "postcode",
    country_code: "country",
  },
  [CUSTOMER_REF_ALIAS],
);

/** `customer_ref` wins over its alias; an alias sent alongside it is ignored with a warning. */
function pickCustomerRef(issues: Issues, customer: JsonObject, pointer: string): [unknown, string] {
  const ref = ownValue(customer, "customer_ref");
  const alias = ownValue(customer, CUSTOMER_REF_ALIAS);
  if (isAbsent(alias)) return [ref, `${pointer}/customer_ref`];
  if (isAbsent(ref)) return [alias, `${pointer}/${CUSTOMER_REF_ALIAS}`];
  warnUnknownField(issues, `${pointer}/${CUSTOMER_REF_ALIAS}`, CUSTOMER_REF_ALIAS, "customer_ref");
  return [ref, `${pointer}/customer_ref`];
}

/** Validates the `customer` object at `pointer`; `undefined` when it has errors (already recorded). */
export function validateCustomer(
  issues: Issues,
  value: unknown,
  pointer: string,
  limits: OrderLimits,
): NormalisedCustomer | undefined {
  if (isAbsent(value)) return reject(issues, pointer, "required");
  if (!isJsonObject(value)) return reject(issues, pointer, "wrong_type", expected("an object"));
  warnUnknownFields(issues, value, pointer, customerGuide);
  const errorsBefore = issues.errors.length;
  const max = limits.maxStringLength;
  const [refValue, refPointer] = pickCustomerRef(issues, value, pointer);
  const customer = {
    email: readEmail(issues, ownValue(value, "email"), `${pointer}/email`),
    customer_ref: readRef(issues, refValue, refPointer, max, false),
    title: readText(issues, ownValue(value, "title"), `${pointer}/title`, max),
    first_name: readText(issues, ownValue(value, "first_name"), `${pointer}/first_name`, max),
    surname: readText(issues, ownValue(value, "surname"), `${pointer}/surname`, max),
    postcode: readText(issues, ownValue(value, "postcode"), `${pointer}/postcode`, max),
    country: readCountry(issues, ownValue(value, "country"), `${pointer}/country`),
  };
  const { email } = customer;
  if (email === undefined || issues.errors.length > errorsBefore) return undefined;
  return dropUndefined({ ...customer, email });
}

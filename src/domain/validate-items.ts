import { checkText, readCurrency, readPrice, readRef } from "./field-readers.js";
import {
  childPointer,
  dropUndefined,
  isAbsent,
  isJsonObject,
  type JsonObject,
  ownValue,
} from "./json-access.js";
import type { MetadataValue, NormalisedItem } from "./normalised-order.js";
import { MAX_REF_LENGTH, type OrderLimits } from "./order-limits.js";
import { createFieldGuide, warnUnknownFields } from "./unknown-fields.js";
import { expected, type Issues, reject } from "./validation-issues.js";

/** Metadata names: lower-case letters, digits and underscores (the v4 example's own `field_1` has one). */
export const METADATA_NAME_PATTERN = "^[a-z0-9_]{1,64}$";
const metadataName = new RegExp(METADATA_NAME_PATTERN);

const itemGuide = createFieldGuide(["sku", "price", "currency", "metadata"], {
  product_id: "sku",
  unit_price: "price",
  currency_code: "currency",
  meta: "metadata",
});

function readMetadataValue(
  issues: Issues,
  value: unknown,
  pointer: string,
  limits: OrderLimits,
): MetadataValue | undefined {
  if (value === null || typeof value === "boolean") return value;
  // JSON cannot carry NaN or Infinity, but a caller passing a parsed object in memory can.
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : reject(issues, pointer, "invalid_metadata_value");
  }
  if (typeof value !== "string") return reject(issues, pointer, "invalid_metadata_value");
  return checkText(issues, value, pointer, limits.maxStringLength);
}

/** An item's optional `metadata`, copied entry by entry so that no name can reach a prototype. */
function readMetadata(
  issues: Issues,
  value: unknown,
  pointer: string,
  limits: OrderLimits,
): Record<string, MetadataValue> | undefined {
  if (isAbsent(value)) return undefined;
  if (!isJsonObject(value)) return reject(issues, pointer, "wrong_type", expected("an object"));
  const names = Object.keys(value);
  const max = limits.maxMetadataEntries;
  if (names.length > max) {
    return reject(issues, pointer, "too_many", `At most ${max} metadata entries are allowed`);
  }
  const entries: [string, MetadataValue][] = [];
  let valid = true;
  for (const name of names) {
    const entryPointer = childPointer(pointer, name);
    if (!metadataName.test(name)) {
      reject(issues, entryPointer, "invalid_metadata_name");
      valid = false;
      continue;
    }
    const entry = readMetadataValue(issues, value[name], entryPointer, limits);
    if (entry === undefined) valid = false;
    else entries.push([name, entry]);
  }
  // fromEntries defines own properties, so a `__proto__` entry stays data and never becomes a prototype.
  return valid ? Object.fromEntries(entries) : undefined;
}

function validateItem(
  issues: Issues,
  item: JsonObject,
  pointer: string,
  limits: OrderLimits,
): NormalisedItem | undefined {
  warnUnknownFields(issues, item, pointer, itemGuide);
  const errorsBefore = issues.errors.length;
  const normalised = {
    sku: readRef(issues, ownValue(item, "sku"), `${pointer}/sku`, MAX_REF_LENGTH, true),
    price: readPrice(issues, ownValue(item, "price"), `${pointer}/price`),
    currency: readCurrency(issues, ownValue(item, "currency"), `${pointer}/currency`),
    metadata: readMetadata(issues, ownValue(item, "metadata"), `${pointer}/metadata`, limits),
  };
  const { sku } = normalised;
  if (sku === undefined || issues.errors.length > errorsBefore) return undefined;
  return dropUndefined({ ...normalised, sku });
}

/** Validates `order_items` at `pointer`; `undefined` when any item has errors (already recorded). */
export function validateItems(
  issues: Issues,
  value: unknown,
  pointer: string,
  limits: OrderLimits,
): NormalisedItem[] | undefined {
  if (isAbsent(value)) return reject(issues, pointer, "required");
  if (!Array.isArray(value)) return reject(issues, pointer, "wrong_type", expected("an array"));
  if (value.length === 0) return reject(issues, pointer, "empty_list");
  const max = limits.maxItemsPerOrder;
  // Past the limit the items are not looked at one by one: that work is what the limit exists to bound.
  if (value.length > max) return reject(issues, pointer, "too_many", `At most ${max} items are allowed`);
  const items: NormalisedItem[] = [];
  // An index loop, not forEach: forEach would skip the holes of a sparse array without reporting them.
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    const itemPointer = childPointer(pointer, index);
    if (!isJsonObject(item)) {
      reject(issues, itemPointer, "wrong_type", expected("an object"));
      continue;
    }
    const normalised = validateItem(issues, item, itemPointer, limits);
    if (normalised !== undefined) items.push(normalised);
  }
  return items.length === value.length ? items : undefined;
}

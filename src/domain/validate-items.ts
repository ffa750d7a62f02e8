import { checkPriceDigits, readCurrency, readPrice, readRef } from "./field-readers.js";
import {
  childPointer,
  dropUndefined,
  isAbsent,
  isJsonObject,
  type JsonObject,
  ownValue,
} from "./json-access.js";
import type { NormalisedItem } from "./normalised-order.js";
import { MAX_REF_LENGTH, type OrderLimits } from "./order-limits.js";
import { createFieldGuide, warnUnknownFields } from "./unknown-fields.js";
import { readMetadata } from "./validate-metadata.js";
import { expected, type Issues, reject } from "./validation-issues.js";

const itemGuide = createFieldGuide(["sku", "price", "currency", "metadata"], {
  product_id: "sku",
  unit_price: "price",
  currency_code: "currency",
  meta: "metadata",
});

function validateItem(
  issues: Issues,
  item: JsonObject,
  pointer: string,
  limits: OrderLimits,
): NormalisedItem | undefined {
  warnUnknownFields(issues, item, pointer, itemGuide);
  const errorsBefore = issues.errors.length;
  const sku = readRef(issues, ownValue(item, "sku"), `${pointer}/sku`, MAX_REF_LENGTH, true);
  const price = readPrice(issues, ownValue(item, "price"), `${pointer}/price`);
  const currency = readCurrency(issues, ownValue(item, "currency"), `${pointer}/currency`);
  const normalised = {
    sku,
    // Only a valid price in a valid currency is measured: a wrong currency gets its own error alone.
    price:
      price !== undefined && currency !== undefined
        ? checkPriceDigits(issues, price, currency, `${pointer}/price`)
        : price,
    currency,
    metadata: readMetadata(issues, ownValue(item, "metadata"), `${pointer}/metadata`, limits),
  };
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

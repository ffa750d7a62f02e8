import { checkText } from "./field-readers.js";
import { childPointer, isAbsent, isJsonObject, type JsonObject } from "./json-access.js";
import type { MetadataValue } from "./normalised-order.js";
import type { OrderLimits } from "./order-limits.js";
import { expected, type Issues, reject } from "./validation-issues.js";

/** Metadata names: lower-case letters, digits and underscores (the v4 example's own `field_1` has one). */
export const METADATA_NAME_PATTERN = "^[a-z0-9_]{1,64}$";
const metadataName = new RegExp(METADATA_NAME_PATTERN);

/** A value JSON.parse can return, or an in-memory object that is not plain data (a Date, a Map). */
function isPlainObject(value: unknown): value is JsonObject {
  if (!isJsonObject(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * One metadata value, any JSON value, copied as sent. Every string inside it, object keys included, passes
 * the checks of free text, so that both stores hold exactly what was sent; a problem is reported at the
 * pointer of the nested value. The recursion is bounded: `validateOrder` has checked the document's shape
 * first, so no value nests deeper than MAX_DOCUMENT_DEPTH (a cyclic object built in memory included).
 */
function readValue(
  issues: Issues,
  value: unknown,
  pointer: string,
  limits: OrderLimits,
): MetadataValue | undefined {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "string") return checkText(issues, value, pointer, limits.maxMetadataStringLength);
  if (typeof value === "number") {
    // JSON.parse reads 1e400 as Infinity, which JSON cannot write back. -0 is stored as 0, so it is 0 here.
    if (Number.isFinite(value)) return value + 0;
    return reject(
      issues,
      pointer,
      "invalid_metadata_value",
      "Must be a finite number; this one is out of range",
    );
  }
  if (Array.isArray(value)) return readArray(issues, value, pointer, limits);
  if (isPlainObject(value)) return readObject(issues, value, pointer, limits);
  // Only an object built in memory gets here: undefined (a hole in an array), a function, a bigint, a Date.
  return reject(issues, pointer, "invalid_metadata_value");
}

function readArray(
  issues: Issues,
  value: unknown[],
  pointer: string,
  limits: OrderLimits,
): MetadataValue[] | undefined {
  const copy: MetadataValue[] = [];
  let valid = true;
  // An index loop, not map: map would skip the holes of a sparse array without reporting them.
  for (let index = 0; index < value.length; index++) {
    const element = readValue(issues, value[index], childPointer(pointer, index), limits);
    if (element === undefined) valid = false;
    else copy.push(element);
  }
  return valid ? copy : undefined;
}

/**
 * Copies an object's entries, each value read as a metadata value; `keyIsValid` checks each key (and reports
 * what is wrong with it). fromEntries defines own properties, so a `__proto__` key stays data and never
 * becomes a prototype.
 */
function readEntries(
  issues: Issues,
  value: JsonObject,
  pointer: string,
  limits: OrderLimits,
  keyIsValid: (key: string, keyPointer: string) => boolean,
): { [name: string]: MetadataValue } | undefined {
  const entries: [string, MetadataValue][] = [];
  let valid = true;
  for (const key of Object.keys(value)) {
    const keyPointer = childPointer(pointer, key);
    if (!keyIsValid(key, keyPointer)) {
      valid = false;
      continue;
    }
    const entry = readValue(issues, value[key], keyPointer, limits);
    if (entry === undefined) valid = false;
    else entries.push([key, entry]);
  }
  return valid ? Object.fromEntries(entries) : undefined;
}

/** An object inside a metadata value; its keys are the merchant's own, checked only as text. */
function readObject(issues: Issues, value: JsonObject, pointer: string, limits: OrderLimits) {
  return readEntries(issues, value, pointer, limits, (key, keyPointer) => {
    return checkText(issues, key, keyPointer, limits.maxMetadataStringLength) !== undefined;
  });
}

/** An item's optional `metadata`, copied entry by entry so that no name can reach a prototype. */
export function readMetadata(
  issues: Issues,
  value: unknown,
  pointer: string,
  limits: OrderLimits,
): Record<string, MetadataValue> | undefined {
  if (isAbsent(value)) return undefined;
  if (!isJsonObject(value)) return reject(issues, pointer, "wrong_type", expected("an object"));
  const max = limits.maxMetadataEntries;
  if (Object.keys(value).length > max) {
    return reject(issues, pointer, "too_many", `At most ${max} metadata entries are allowed`);
  }
  return readEntries(issues, value, pointer, limits, (name, namePointer) => {
    if (metadataName.test(name)) return true;
    reject(issues, namePointer, "invalid_metadata_name");
    return false;
  });
}

/** A parsed JSON object; only its own properties are ever read. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object: not `null`, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value of an own property; inherited ones (`constructor`, a polluted prototype) read as absent. */
export function ownValue(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** True when a field was not sent; an explicit JSON `null` counts as not sent. */
export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** The RFC 6901 pointer to `key` inside the value at `parent` (`~` → `~0`, `/` → `~1`). */
export function childPointer(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}/${key}`;
  // `~` must be escaped first, or the `~1` produced for `/` would be escaped again.
  return `${parent}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
}

/** A copy of `record` without the properties whose value is `undefined`, so unsent fields stay unsent. */
export function dropUndefined<T extends object>(record: T): T {
  return copyWithout(record, undefined) as T;
}

/**
 * A copy of `record` without the properties whose value is `absent` (`undefined`, or the `null` of a
 * column that holds nothing). Keys and a look-up each rather than Object.entries: it runs for every order
 * and item of a batch, in validation and when processing reads orders back, and the pairs that entries
 * allocates were a fifth of validating an order.
 */
export function copyWithout(record: object, absent: undefined | null): Record<string, unknown> {
  const source = record as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value !== absent) copy[key] = value;
  }
  return copy;
}

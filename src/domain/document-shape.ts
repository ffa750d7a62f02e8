import { childPointer, isJsonObject } from "./json-access.js";
import { MAX_DOCUMENT_DEPTH } from "./order-limits.js";
import { type Issues, reject } from "./validation-issues.js";

/** Most shape errors reported for one document: enough to show the pattern, bounded in size. */
const MAX_SHAPE_ERRORS = 20;

/**
 * Reports what no field of an order may hold, wherever it stands: a `__proto__` key, or a `constructor` key
 * holding a `prototype` key (the shapes prototype pollution uses; they are data here, but a client sending
 * them has a bug or an intent, and an order with them is refused on its own), and nesting deeper than
 * MAX_DOCUMENT_DEPTH. True when the document is free of both. The walk is iterative, so no depth the body
 * parser lets through can overflow the stack.
 */
export function checkDocumentShape(issues: Issues, document: unknown): boolean {
  const before = issues.errors.length;
  const pending: { value: unknown; pointer: string; depth: number }[] = [
    { value: document, pointer: "", depth: 1 },
  ];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (issues.errors.length - before >= MAX_SHAPE_ERRORS) break;
    const { value, pointer, depth } = next;
    if (typeof value !== "object" || value === null) continue;
    if (depth > MAX_DOCUMENT_DEPTH) {
      reject(issues, pointer, "too_deep");
      continue;
    }
    const children: { value: unknown; pointer: string; depth: number }[] = [];
    for (const [key, child] of entriesOf(value)) {
      const childAt = childPointer(pointer, key);
      if (key === "__proto__") reject(issues, childAt, "prototype_key");
      else if (key === "constructor" && isJsonObject(child) && Object.hasOwn(child, "prototype")) {
        reject(issues, childPointer(childAt, "prototype"), "prototype_key");
      } else children.push({ value: child, pointer: childAt, depth: depth + 1 });
    }
    // Taken from the end of the list: pushed in reverse, the children come out in document order. A loop,
    // not a spread: an array of a million elements would overflow the call's arguments.
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i] as (typeof children)[number]);
  }
  return issues.errors.length === before;
}

/** An array's elements by index (holes included) or an object's own entries. */
function entriesOf(value: object): [string | number, unknown][] {
  if (!Array.isArray(value)) return Object.entries(value);
  return Array.from({ length: value.length }, (_, index) => [index, value[index]]);
}

import { InexactNumber } from "./inexact-number.js";
import { childPointer, isJsonObject } from "./json-access.js";
import { MAX_DOCUMENT_DEPTH } from "./order-limits.js";
import { type Issues, reject } from "./validation-issues.js";

/** Most shape errors reported for one document: enough to show the pattern, bounded in size. */
const MAX_SHAPE_ERRORS = 20;

/**
 * Reports what no field of an order may hold, wherever it stands: a `__proto__` key, or a `constructor` key
 * holding a `prototype` key (the shapes prototype pollution uses; they are data here, but a client sending
 * them has a bug or an intent, and an order with them is refused on its own), nesting deeper than
 * MAX_DOCUMENT_DEPTH, and numbers a double cannot hold exactly (`InexactNumber`, put there by the body
 * parser; a reader would take one for an object). True when the document is free of all three. The walk is
 * iterative, so no depth the body parser lets through can overflow the stack.
 */
export function checkDocumentShape(issues: Issues, document: unknown): boolean {
  // Nearly every document is clean: a walk that builds no pointers tells, and only a document that is not
  // is walked again to say where.
  if (isCleanShape(document, 1)) return true;
  return reportShape(issues, document);
}

/** True when `value` holds no prototype key nor inexact number, and nests no deeper than allowed. */
function isCleanShape(value: unknown, depth: number): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (value instanceof InexactNumber) return false;
  if (depth > MAX_DOCUMENT_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (!isCleanShape(value[index], depth + 1)) return false;
    }
    return true;
  }
  for (const key of Object.keys(value)) {
    if (key === "__proto__") return false;
    const child: unknown = (value as Record<string, unknown>)[key];
    if (key === "constructor" && isJsonObject(child) && Object.hasOwn(child, "prototype")) return false;
    if (!isCleanShape(child, depth + 1)) return false;
  }
  return true;
}

/** Reports every shape error of a document that has some, at its pointer, in document order. */
function reportShape(issues: Issues, document: unknown): boolean {
  const before = issues.errors.length;
  const pending: { value: unknown; pointer: string; depth: number }[] = [
    { value: document, pointer: "", depth: 1 },
  ];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (issues.errors.length - before >= MAX_SHAPE_ERRORS) break;
    const { value, pointer, depth } = next;
    if (typeof value !== "object" || value === null) continue;
    if (value instanceof InexactNumber) {
      reject(issues, pointer, "inexact_number", value.describe());
      continue;
    }
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

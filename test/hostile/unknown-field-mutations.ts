import fc from "fast-check";
import { MAX_DOCUMENT_DEPTH } from "../../src/domain/order-limits.js";
import { MAX_JSON_DEPTH } from "../../src/http/json-body-parser.js";
import { at, safeJson } from "./mutation-builders.js";
import type { Mutation, MutationContext } from "./order-mutations.js";
import { type JsonObject, objectAt, type Path, pointerOf } from "./wire-body.js";

// Malformed UTF-8: a byte UTF-8 never uses, an overlong NUL, a surrogate encoded as if it were a character
// (CESU-8), a code point past U+10FFFF, a sequence cut short, a lone continuation byte, another unused byte.
const INVALID_UTF8 = [
  [0xff],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0x80],
  [0xfe],
];
/** JSON text nesting arrays, or objects, `depth` levels deep, around `innermost` (JSON text) when given. */
export const nested = (depth: number, array: boolean, innermost?: string) =>
  array
    ? `${"[".repeat(depth)}${innermost ?? ""}${"]".repeat(depth)}`
    : `${'{"a":'.repeat(depth)}${innermost ?? "1"}${"}".repeat(depth)}`;

/**
 * Fields added to the object at `level`: unknown names (kept, with a warning), prototype keys, nesting deep
 * and shallow, bytes that are not UTF-8, raw control characters and, when allowed, a body over the limit.
 */
export function unknownFieldMutations(
  document: JsonObject,
  level: Path,
  accepted: string[],
  context: MutationContext,
) {
  const object = objectAt(document, level) ?? {};
  const names = fc
    .oneof(
      fc.constantFrom(
        "constructor",
        "prototype",
        "toString",
        "valueOf",
        "fulfillment_date",
        "Order_Ref",
        "a/b~c",
        "",
      ),
      fc.string({ maxLength: 10 }),
    )
    .filter((name) => !accepted.includes(name) && !Object.hasOwn(object, name) && name !== "__proto__");
  const path = (name: string) => [...level, name];
  const refusal = (
    label: string,
    name: string,
    edit: Mutation["edit"],
    code: NonNullable<Mutation["refusal"]>,
  ): Mutation => ({
    label,
    claims: [path(name)],
    edit,
    errors: [],
    refusal: code,
  });
  /** A key or nesting that refuses this order alone, with one error `inside` the added field. */
  const shapeError = (
    label: string,
    name: string,
    edit: Mutation["edit"],
    inside: (string | number)[],
    code = "prototype_key",
  ): Mutation => ({
    label,
    claims: [path(name)],
    edit,
    errors: [],
    shapeErrors: [at([...path(name), ...inside], code)],
  });
  const mutations = [
    fc.tuple(names, safeJson).map(
      ([name, value]): Mutation => ({
        label: "unknown field",
        claims: [path(name)],
        edit: { op: "set", path: path(name), value },
        errors: [],
        warning: pointerOf(path(name)),
      }),
    ),
    fc.tuple(names, fc.integer({ min: 1, max: 20 }), fc.boolean()).map(
      ([name, depth, array]): Mutation => ({
        label: "nested unknown field",
        claims: [path(name)],
        edit: { op: "text", path: path(name), json: nested(depth, array) },
        errors: [],
        warning: pointerOf(path(name)),
      }),
    ),
    safeJson.map((value) =>
      shapeError("__proto__ key", "__proto__", { op: "set", path: path("__proto__"), value }, []),
    ),
    fc.constant(
      shapeError(
        "__proto__ inside a value",
        "x_proto",
        { op: "text", path: path("x_proto"), json: '{"a":[{"__proto__":{"polluted":true}}]}' },
        ["a", 0, "__proto__"],
      ),
    ),
    safeJson.map((value) =>
      shapeError(
        "constructor.prototype",
        "constructor",
        { op: "set", path: path("constructor"), value: JSON.parse(`{"prototype":${JSON.stringify(value)}}`) },
        ["prototype"],
      ),
    ),
    // Past the document's limit, within the body's: that order alone is refused, at the first level too deep.
    fc.tuple(fc.integer({ min: 66, max: 150 }), fc.boolean()).map(([depth, array]) => {
      // The document is level 1, so the added field's value is level `level.length + 2`.
      const inside = Array<string | number>(MAX_DOCUMENT_DEPTH - level.length - 1).fill(array ? 0 : "a");
      const edit: Mutation["edit"] = { op: "text", path: path("deep"), json: nested(depth, array) };
      return shapeError("nested too deep for an order", "deep", edit, inside, "too_deep");
    }),
    fc
      .tuple(fc.integer({ min: MAX_JSON_DEPTH, max: 100_000 }), fc.boolean())
      .map(([depth, array]) =>
        refusal(
          "nested too deep for a body",
          "deep",
          { op: "text", path: path("deep"), json: nested(depth, array) },
          "bad_request",
        ),
      ),
    fc
      .constantFrom(...INVALID_UTF8)
      .map((bytes) =>
        refusal(
          "bytes that are not UTF-8",
          "bytes",
          { op: "bytes", path: path("bytes"), bytes },
          "invalid_json",
        ),
      ),
    fc
      .constantFrom("\u0000", "\u0001", "\n", "\t", "\u001f")
      .map((character) =>
        refusal(
          "raw control character",
          "raw",
          { op: "text", path: path("raw"), json: `"a${character}b"` },
          "invalid_json",
        ),
      ),
  ];
  const { maxBodyBytes } = context;
  if (maxBodyBytes !== undefined) {
    mutations.push(
      fc.constant(
        refusal(
          "body over the limit",
          "padding",
          { op: "text", path: path("padding"), json: `"${"x".repeat(maxBodyBytes)}"` },
          "payload_too_large",
        ),
      ),
    );
  }
  return mutations;
}

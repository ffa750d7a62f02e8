/**
 * The exhaustive table of hostile input: each hostile value in every string field of the example order in
 * turn, and each prototype key at every level of it, with what the client must see. The generators of
 * `mutation-tables.ts` place such values at random; this table leaves no field out.
 */
import { MAX_DOCUMENT_DEPTH } from "../../src/domain/order-limits.js";
import { MAX_JSON_DEPTH } from "../../src/http/json-body-parser.js";
import { at } from "./mutation-builders.js";
import type { Edit, FieldErrorPair } from "./order-mutations.js";
import { nested } from "./unknown-field-mutations.js";
import { type Path, pointerOf } from "./wire-body.js";

/** What one case must cause, on the single endpoint and for its order in a batch alike. */
export type TableOutcome =
  | { kind: "invalid"; errors: FieldErrorPair[] }
  /** Refused with at least one error, each at `pointer` or inside the value there. */
  | { kind: "invalid inside"; pointer: string }
  /** The whole body is refused before any field is read; in a batch, every order with it. */
  | { kind: "refused"; code: "bad_request" }
  /** Accepted, with a warning at `warning`, or with `entry` stored in the item's metadata. */
  | { kind: "accepted"; warning?: string; entry?: { name: string; value: unknown } };

/** One case: a change to the example order (`exampleOrder("ACME")`) and its outcome. */
export interface TableCase {
  name: string;
  edit: Edit;
  outcome: TableOutcome;
}

/** A string field: where it is, and the code each kind of hostile value gets there. */
interface StringField {
  name: string;
  path: Path;
  /** For a string with NUL or a lone surrogate. */
  badCharacter: string;
  /** For a string of LONG_TEXT's length, past the field's limit. */
  tooLong: string;
  /**
   * For an array or object where the string belongs; undefined where any JSON value is taken (metadata
   * values): the case then only requires an error inside the value, for the lone surrogate at its bottom.
   */
  notAString: string | undefined;
  /** Edits before the value goes in: `cutomer_ref` is only read when `customer_ref` is not sent. */
  setup?: Edit[];
}

const text = (name: string, path: Path, setup?: Edit[]): StringField => ({
  name,
  path,
  badCharacter: "invalid_character",
  tooLong: "too_long",
  notAString: "wrong_type",
  ...(setup && { setup }),
});
/** A field whose value must be one of a set (a code, a date): every wrong string gets the same code. */
const coded = (name: string, path: Path, code: string, notAString = "wrong_type"): StringField => ({
  name,
  path,
  badCharacter: code,
  tooLong: code,
  notAString,
});

const item = ["order_items", 0];
const metadata = [...item, "metadata"];

/** Every string field of the document; metadata names are keys, and have a table of their own below. */
const STRING_FIELDS: StringField[] = [
  coded("trkref", ["trkref"], "invalid_trkref"),
  text("order_ref", ["order_ref"]),
  coded("order_date", ["order_date"], "invalid_date"),
  coded("fulfilment_date", ["fulfilment_date"], "invalid_date"),
  coded("language", ["language"], "invalid_language"),
  coded("locale", ["locale"], "invalid_locale"),
  { ...text("customer.email", ["customer", "email"]), tooLong: "invalid_email" },
  text("customer.customer_ref", ["customer", "customer_ref"]),
  text(
    "customer.cutomer_ref",
    ["customer", "cutomer_ref"],
    [{ op: "remove", path: ["customer", "customer_ref"] }],
  ),
  ...["title", "first_name", "surname", "postcode"].map((name) =>
    text(`customer.${name}`, ["customer", name]),
  ),
  coded("customer.country", ["customer", "country"], "invalid_country"),
  text("order_items[].sku", [...item, "sku"]),
  coded("order_items[].price", [...item, "price"], "invalid_price", "invalid_price"),
  coded("order_items[].currency", [...item, "currency"], "invalid_currency"),
  { ...text("order_items[].metadata value", [...metadata, "field_1"]), notAString: undefined },
];

/** Past every string limit of the default configuration, free text and metadata strings included. */
const LONG_TEXT = "x".repeat(10_001);
const LONE_SURROGATE_JSON = '"\\ud800"';

/** Kinds of string: each gets the field's `badCharacter` or `tooLong` code. */
const HOSTILE_STRINGS: { label: string; value: string; verdict: "badCharacter" | "tooLong" }[] = [
  { label: "a lone high surrogate", value: "\ud800", verdict: "badCharacter" },
  { label: "a lone low surrogate inside text", value: "a\udc00b", verdict: "badCharacter" },
  { label: "NUL", value: "a\u0000b", verdict: "badCharacter" },
  { label: "10,001 characters", value: LONG_TEXT, verdict: "tooLong" },
];

/**
 * Values that are not strings, as JSON text for a field `depth` containers down (a top-level field is one
 * down, in the document object, which is level 1). An order document may nest MAX_DOCUMENT_DEPTH levels:
 * "to the limit" is exactly that, "past" one more, a field error of that order alone. Only a body nested more
 * than MAX_JSON_DEPTH levels is refused whole.
 */
const HOSTILE_JSON: {
  label: string;
  json: (depth: number) => string;
  /** Or the one error the order gets, at a path below the field's (which may depend on its depth). */
  verdict: "notAString" | "refused" | { inside: (depth: number) => (string | number)[]; code: string };
}[] = [
  {
    label: "arrays nested to the depth limit",
    json: (depth) => nested(MAX_DOCUMENT_DEPTH - depth, true, LONE_SURROGATE_JSON),
    verdict: "notAString",
  },
  {
    label: "objects nested to the depth limit",
    json: (depth) => nested(MAX_DOCUMENT_DEPTH - depth, false, LONE_SURROGATE_JSON),
    verdict: "notAString",
  },
  {
    label: "nesting one level past the depth limit",
    json: (depth) => nested(MAX_DOCUMENT_DEPTH - depth + 1, true, LONE_SURROGATE_JSON),
    // The innermost array, the first past the limit, is the only one refused.
    verdict: { inside: (depth) => Array<number>(MAX_DOCUMENT_DEPTH - depth).fill(0), code: "too_deep" },
  },
  {
    label: "arrays nested past the body's limit",
    json: () => nested(MAX_JSON_DEPTH + 1, true),
    verdict: "refused",
  },
  { label: "arrays nested 100,000 levels deep", json: () => nested(100_000, true), verdict: "refused" },
  {
    label: "an object with a __proto__ key",
    json: () => '{"__proto__":{"polluted":true}}',
    verdict: { inside: () => ["__proto__"], code: "prototype_key" },
  },
  {
    label: "an object with a constructor.prototype key",
    json: () => '{"constructor":{"prototype":{"polluted":true}}}',
    verdict: { inside: () => ["constructor", "prototype"], code: "prototype_key" },
  },
  {
    label: "an object with constructor and prototype keys",
    json: () => `{"constructor":${LONE_SURROGATE_JSON},"prototype":${LONE_SURROGATE_JSON}}`,
    verdict: "notAString",
  },
  {
    label: "a number with more digits than a double holds",
    json: () => "1.0000000000000001",
    verdict: { inside: () => [], code: "inexact_number" },
  },
  {
    label: "a number a double reads as 0",
    json: () => "1e-400",
    verdict: { inside: () => [], code: "inexact_number" },
  },
  {
    label: "an integer of 30 digits nested in an array",
    json: () => '{"a":[1.5,-123456789012345678901234567890]}',
    verdict: { inside: () => ["a", 1], code: "inexact_number" },
  },
];

const withSetup = (field: StringField, edit: Edit): Edit =>
  field.setup ? { op: "each", edits: [...field.setup, edit] } : edit;

function fieldCases(field: StringField): TableCase[] {
  const name = (label: string) => `${field.name} × ${label}`;
  const invalid = (code: string): TableOutcome => ({ kind: "invalid", errors: [at(field.path, code)] });
  const strings = HOSTILE_STRINGS.map(({ label, value, verdict }) => ({
    name: name(label),
    edit: withSetup(field, { op: "set", path: field.path, value }),
    outcome: invalid(field[verdict]),
  }));
  const others = HOSTILE_JSON.map(({ label, json, verdict }): TableCase => {
    const edit = withSetup(field, { op: "text", path: field.path, json: json(field.path.length) });
    if (verdict === "refused")
      return { name: name(label), edit, outcome: { kind: "refused", code: "bad_request" } };
    if (typeof verdict === "object") {
      const errors = [at([...field.path, ...verdict.inside(field.path.length)], verdict.code)];
      return { name: name(label), edit, outcome: { kind: "invalid", errors } };
    }
    const outcome: TableOutcome =
      field.notAString === undefined
        ? { kind: "invalid inside", pointer: pointerOf(field.path) }
        : invalid(field.notAString);
    return { name: name(label), edit, outcome };
  });
  return [...strings, ...others];
}

/** A hostile string as a metadata name: refused as a name, whatever its value. */
const metadataNameCases = (): TableCase[] =>
  HOSTILE_STRINGS.map(({ label, value }) => ({
    name: `order_items[].metadata name × ${label}`,
    edit: { op: "set", path: [...metadata, value], value: "x" },
    outcome: { kind: "invalid", errors: [at([...metadata, value], "invalid_metadata_name")] },
  }));

/** Every hostile value in every string field, metadata names included. */
export function hostileFieldCases(): TableCase[] {
  return [...STRING_FIELDS.flatMap(fieldCases), ...metadataNameCases()];
}

const LEVELS: { name: string; path: Path }[] = [
  { name: "the document", path: [] },
  { name: "customer", path: ["customer"] },
  { name: "an item", path: item },
  { name: "metadata", path: metadata },
];

/**
 * `__proto__`, `constructor` and `prototype` as keys at each level. `__proto__` and `constructor.prototype`
 * are a `prototype_key` error of the order, wherever they stand; a `constructor` or `prototype` key with a
 * plain value is an unknown field (a warning) or, in metadata, an ordinary entry stored as data.
 */
export function prototypeKeyCases(): TableCase[] {
  return LEVELS.flatMap(({ name, path }) => {
    const keyed = (key: string, json: string, outcome: TableOutcome): TableCase => ({
      name: `${key}: ${json} in ${name}`,
      edit: { op: "text", path: [...path, key], json },
      outcome,
    });
    const refused = (...inside: string[]): TableOutcome => ({
      kind: "invalid",
      errors: [at([...path, ...inside], "prototype_key")],
    });
    const kept = (key: string): TableOutcome =>
      path === metadata
        ? { kind: "accepted", entry: { name: key, value: "x" } }
        : { kind: "accepted", warning: pointerOf([...path, key]) };
    return [
      keyed("__proto__", '"x"', refused("__proto__")),
      keyed("__proto__", '{"polluted":true}', refused("__proto__")),
      keyed("constructor", '{"prototype":{"polluted":true}}', refused("constructor", "prototype")),
      keyed("constructor", '"x"', kept("constructor")),
      keyed("prototype", '"x"', kept("prototype")),
    ];
  });
}

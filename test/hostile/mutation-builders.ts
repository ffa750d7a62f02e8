/** Small builders of mutations: a field set to refused or kept values, and the values themselves. */
import fc from "fast-check";
import type { FieldErrorPair, Mutation } from "./order-mutations.js";
import { type Path, pointerOf } from "./wire-body.js";

export const at = (path: Path, code: string): FieldErrorPair => [pointerOf(path), code];

// Values of every JSON type, without the prototype keys that are refused as a whole (tested on their own).
export const withoutPrototypeKeys = (value: unknown) =>
  !/"(__proto__|prototype)"/.test(JSON.stringify(value));
export const safeJson = fc.jsonValue({ maxDepth: 2 }).filter(withoutPrototypeKeys);
export const jsonOfType = {
  boolean: fc.boolean(),
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map((n) => n + 0),
  string: fc.string({ maxLength: 8 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }), safeJson, { maxKeys: 3 }).filter(withoutPrototypeKeys),
  array: fc.array(safeJson, { maxLength: 3 }),
  null: fc.constant(null),
};
export type JsonType = keyof typeof jsonOfType;

/** Sets the field at `path` to one of `values`; each is refused with `code` at the field. */
export function refused(
  label: string,
  path: Path,
  values: fc.Arbitrary<unknown>,
  code: string,
  claims = [path],
) {
  return values.map(
    (value): Mutation => ({ label, claims, edit: { op: "set", path, value }, errors: [at(path, code)] }),
  );
}

/** Writes verbatim JSON text (numbers JSON.stringify cannot write) at `path`; refused with `code`. */
export function refusedText(
  label: string,
  path: Path,
  texts: readonly string[],
  code: string,
  claims = [path],
) {
  return fc
    .constantFrom(...texts)
    .map((json): Mutation => ({ label, claims, edit: { op: "text", path, json }, errors: [at(path, code)] }));
}

/**
 * Writes verbatim JSON number text that a double cannot hold exactly at `path`: an `inexact_number` error of
 * the document's shape, reported alone.
 */
export function inexactText(path: Path, texts: readonly string[], claims = [path]) {
  return fc.constantFrom(...texts).map(
    (json): Mutation => ({
      label: "number a double cannot hold",
      claims,
      edit: { op: "text", path, json },
      errors: [],
      shapeErrors: [at(path, "inexact_number")],
    }),
  );
}

export const wrongType = (path: Path, types: JsonType[], code = "wrong_type", claims = [path]) =>
  refused(
    `not ${types.join(" or ")}`,
    path,
    fc.oneof(...types.map((type) => jsonOfType[type])),
    code,
    claims,
  );

export const missing = (path: Path, claims = [path]) =>
  fc.constantFrom<Mutation>(
    { label: "removed", claims, edit: { op: "remove", path }, errors: [at(path, "required")] },
    { label: "sent as null", claims, edit: { op: "set", path, value: null }, errors: [at(path, "required")] },
  );

/** Sets the field to one of `values`, which keeps the document valid and is stored at `storedPath`. */
export function kept(
  label: string,
  path: Path,
  values: fc.Arbitrary<unknown>,
  storedPath = path,
  claims = [path],
) {
  return values.map(
    (value): Mutation => ({
      label,
      claims,
      edit: { op: "set", path, value },
      errors: [],
      stored: { path: storedPath, value },
    }),
  );
}

/** Writes verbatim JSON number text that keeps the document valid; `store` says what must be stored. */
export function keptText(
  path: Path,
  texts: readonly string[],
  store: (parsed: number) => unknown,
  storedPath = path,
  claims = [path],
) {
  return fc.constantFrom(...texts).map(
    (json): Mutation => ({
      label: "number at an edge",
      claims,
      edit: { op: "text", path, json },
      errors: [],
      stored: { path: storedPath, value: store(JSON.parse(json) as number) },
    }),
  );
}

/** Leaves an optional field out, or sends it as null: it is then not stored. */
export const dropped = (path: Path, storedPath = path, claims = [path]) =>
  fc.constantFrom<Mutation>(
    {
      label: "removed",
      claims,
      edit: { op: "remove", path },
      errors: [],
      stored: { path: storedPath, remove: true },
    },
    {
      label: "null",
      claims,
      edit: { op: "set", path, value: null },
      errors: [],
      stored: { path: storedPath, remove: true },
    },
  );

// Text that breaks naive code but is legitimate: control characters (not NUL), line separators, a BOM.
export const oddText = fc.string({
  unit: fc.constantFrom(
    "a",
    "Z",
    "1",
    " ",
    "\t",
    "\n",
    "\r",
    "\u0001",
    "\b",
    "\u001b",
    "\u007f",
    "\u0085",
    "\u2028",
    "\ufeff",
  ),
  minLength: 1,
  maxLength: 12,
});
/** `middle` between ASCII text (which cannot pair with a surrogate), at most `max` characters in all. */
export function between(max: number, middle: fc.Arbitrary<string>) {
  const side = fc.string({ maxLength: Math.min(5, Math.floor((max - 1) / 2)) });
  return fc.tuple(side, middle, side).map(([a, m, b]) => `${a}${m}${b}`);
}
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));
export const withNul = (max: number) => between(max, fc.constant("\u0000"));
export const withLoneSurrogate = (max: number) => between(max, loneSurrogate);
/** NUL or half of a surrogate pair: the characters no store keeps as sent. */
export const unstorableCharacter = fc.oneof(fc.constant("\u0000"), loneSurrogate);
/** Text with one of them, for fields whose own pattern refuses it (codes, dates, prices, trkrefs). */
export const withUnstorableCharacter = (max: number) => between(max, unstorableCharacter);
/** Over `max` characters: just over (astral characters count once), or far over. */
export const tooLong = (max: number) =>
  fc.oneof(
    fc.string({ unit: "binary", minLength: max + 1, maxLength: max + 8 }).map((text) => `x${text}`),
    fc.integer({ min: 10_000, max: 300_000 }).map((length) => "x".repeat(length)),
  );
export const huge = fc.integer({ min: 10_000, max: 300_000 }).map((length) => "A".repeat(length));

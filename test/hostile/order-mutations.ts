import fc from "fast-check";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import { mutationsOf } from "./mutation-tables.js";
import type { ValidCase } from "./order-arbitraries.js";
import { type JsonObject, overlaps, type Path, removeAt, setAt, type WireBody } from "./wire-body.js";

/** One wrong field: its pointer and its code, as a 422 answer lists it. */
export type FieldErrorPair = readonly [pointer: string, code: string];

/** A change to the document: a JSON value, verbatim JSON text, a string with raw bytes, or the whole document. */
export type Edit =
  | { op: "set"; path: Path; value: unknown }
  | { op: "remove"; path: Path }
  | { op: "text"; path: Path; json: string }
  | { op: "bytes"; path: Path; bytes: number[] }
  | { op: "root"; json: string }
  | { op: "each"; edits: Edit[] };

/** A change to a valid document and what the service must make of it. Plain data, so a counterexample reads well. */
export interface Mutation {
  label: string;
  /** Fields this mutation depends on; mutations with overlapping claims are not combined. */
  claims: Path[];
  edit: Edit;
  /** The errors it causes on the single-order endpoint; none for a change that keeps the document valid. */
  errors: FieldErrorPair[];
  /** The errors it causes as an order of a batch, where they differ (the trkref is checked against the key). */
  batchErrors?: FieldErrorPair[];
  /** Errors of the document's shape (a prototype key, nesting too deep): reported alone, no field is read. */
  shapeErrors?: FieldErrorPair[];
  /** Refused as a whole request, before any field is checked. */
  refusal?: "payload_too_large" | "invalid_json" | "bad_request";
  /** For a change that keeps the document valid: how the stored order changes. */
  stored?: { path: Path; value: unknown } | { path: Path; remove: true };
  /** For an added unknown field: the pointer of the warning it causes. */
  warning?: string;
}

/** What the service knows of the request beyond the document. */
export interface MutationContext {
  maxItemsPerOrder: number;
  maxMetadataEntries: number;
  maxStringLength: number;
  maxMetadataStringLength: number;
  /** When set, a mutation may pad the body past this many bytes (expecting 413). */
  maxBodyBytes?: number;
}

/** A valid document and the mutations applied to it. */
export interface MutatedCase {
  base: ValidCase;
  mutations: Mutation[];
}

/** What a client must see for one document. */
export type Expectation =
  | { kind: "refused"; code: "payload_too_large" | "invalid_json" | "bad_request" }
  | { kind: "invalid"; errors: FieldErrorPair[] }
  | { kind: "accepted"; stored: NormalisedOrder; warnings: string[] };

/** Keeps each mutation whose claims overlap none of those kept before it. */
function compatible(mutations: Mutation[]): Mutation[] {
  const kept: Mutation[] = [];
  for (const mutation of mutations) {
    const clash = kept.some((other) => other.claims.some((a) => mutation.claims.some((b) => overlaps(a, b))));
    if (!clash) kept.push(mutation);
  }
  return kept;
}

/** Valid documents with one to three compatible mutations each. */
export function mutatedOrder(
  base: fc.Arbitrary<ValidCase>,
  context: MutationContext,
): fc.Arbitrary<MutatedCase> {
  return base.chain((valid) =>
    fc
      .array(fc.oneof(...mutationsOf(valid.document, context)), { minLength: 1, maxLength: 3 })
      .map((mutations) => ({ base: valid, mutations: compatible(mutations) })),
  );
}

/** The document with its mutations applied; placeholders in it stand for what `wire` will splice in. */
export function mutatedDocument(mutated: MutatedCase, wire: WireBody): unknown {
  const document = structuredClone(mutated.base.document);
  for (const { edit } of mutated.mutations) {
    // A root edit claims the whole document, so it is the only mutation of its case.
    if (edit.op === "root") return wire.text(edit.json);
    applyEdit(document, edit, wire);
  }
  return document;
}

/** Applies one edit to `document` in place; text and bytes go in as placeholders of `wire`. */
export function applyEdit(document: JsonObject, edit: Edit, wire: WireBody): void {
  if (edit.op === "set") setAt(document, edit.path, edit.value);
  else if (edit.op === "remove") removeAt(document, edit.path);
  else if (edit.op === "text") setAt(document, edit.path, wire.text(edit.json));
  else if (edit.op === "bytes") {
    // The bytes go inside a JSON string, between two ASCII letters.
    setAt(document, edit.path, wire.raw(Buffer.from([0x22, 0x78, ...edit.bytes, 0x79, 0x22])));
  } else if (edit.op === "each") for (const each of edit.edits) applyEdit(document, each, wire);
}

const PERMISSION_CODES = ["key_not_allowed", "feature_disabled"];

const REFUSAL_ORDER = ["payload_too_large", "invalid_json", "bad_request"] as const;

/** What the service must answer for the document, on the single endpoint or as an order of a batch. */
export function expectationOf(mutated: MutatedCase, endpoint: "single" | "batch"): Expectation {
  const refusals = new Set(mutated.mutations.flatMap((mutation) => mutation.refusal ?? []));
  // The body is measured before it is decoded, decoded before it is parsed, parsed before it is walked.
  const refusal = REFUSAL_ORDER.find((code) => refusals.has(code));
  if (refusal) return { kind: "refused", code: refusal };
  const shapeErrors = mutated.mutations.flatMap((mutation) => mutation.shapeErrors ?? []);
  if (shapeErrors.length > 0) {
    // A batch checks the key's permission for the trkref apart from the document, so those errors stay.
    const permission =
      endpoint === "batch"
        ? mutated.mutations.flatMap((mutation) =>
            (mutation.batchErrors ?? []).filter(([, code]) => PERMISSION_CODES.includes(code)),
          )
        : [];
    return { kind: "invalid", errors: [...shapeErrors, ...permission] };
  }
  const errors = mutated.mutations.flatMap((mutation) =>
    endpoint === "batch" && mutation.batchErrors ? mutation.batchErrors : mutation.errors,
  );
  if (errors.length > 0) return { kind: "invalid", errors };
  const stored = structuredClone(mutated.base.expected);
  const warnings = [...mutated.base.warnings];
  for (const mutation of mutated.mutations) {
    if (mutation.warning !== undefined) warnings.push(mutation.warning);
    const change = mutation.stored;
    if (change && "remove" in change) removeAt(stored, change.path);
    else if (change) setAt(stored, change.path, change.value);
  }
  return { kind: "accepted", stored, warnings };
}

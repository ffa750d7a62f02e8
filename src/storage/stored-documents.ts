import { type TSchema, Type } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import type { BatchOrderResult } from "../domain/batch-result.js";
import { type NormalisedOrder, NormalisedOrderSchema } from "../domain/normalised-order.js";
import { StoreUnavailableError } from "./store-errors.js";

// The JSON documents the service persists and reads back later (a submission's normalised order, a batch's
// per-order results, an idempotency record's replayed headers), each stored beside the version of its shape
// (`current` is the one this release writes). During a rolling deploy on PostgreSQL an instance of the
// previous release goes on writing the shape it knows: every version named here is read back, through a
// check rather than a cast, by both adapters. Rows written before versions were recorded carry version 1,
// the database's default. A version newer than this release knows is left for a newer release's instance.
//
// To change a shape: add the new version with its schema, and make its decoder turn each older shape into
// the current type; keep writing the old version for one release, so that the previous release, still
// running during the deploy, can read what this one writes.

import { StoredDocumentError } from "./stored-document-error.js";

export { StoredDocumentError };

const FieldIssueSchema = Type.Object({ pointer: Type.String(), code: Type.String(), message: Type.String() });
// Objects admit members beyond those named (a warning's `hint`), as TypeBox's do by default.
const WarningsSchema = Type.Optional(Type.Array(FieldIssueSchema));
const BatchResultsSchema = Type.Array(
  Type.Union([
    Type.Object({
      index: Type.Integer(),
      order_ref: Type.Union([Type.String(), Type.Null()]),
      status: Type.Literal("accepted"),
      id: Type.String(),
      warnings: WarningsSchema,
    }),
    Type.Object({
      index: Type.Integer(),
      order_ref: Type.Union([Type.String(), Type.Null()]),
      status: Type.Literal("rejected"),
      errors: Type.Array(FieldIssueSchema),
      warnings: WarningsSchema,
    }),
  ]),
);
const ReplayedHeadersSchema = Type.Record(Type.String(), Type.String());

/**
 * A decoder of one kind of document: a checker per version, each for a shape the current code reads, and
 * the version this release writes.
 */
function createDecoder<T>(kind: string, current: number, versions: Record<number, TSchema>) {
  const checkers = new Map(
    Object.entries(versions).map(([version, schema]) => [Number(version), TypeCompiler.Compile(schema)]),
  );
  const newest = Math.max(...checkers.keys());
  const decode = (version: number, stored: unknown): T => {
    const checker = checkers.get(version);
    if (version > newest) {
      // Written by a newer release during a rolling deploy (or before a rollback): an instance of that
      // release reads it; this one refuses for now rather than fail what it cannot know.
      throw new StoreUnavailableError(`A ${kind} of version ${version}, newer than this release reads`);
    }
    if (!checker) throw new StoredDocumentError(`A ${kind} of unknown version ${version}`);
    let value: unknown;
    try {
      value = typeof stored === "string" ? JSON.parse(stored) : stored;
    } catch (error) {
      throw new StoredDocumentError(`A ${kind} (version ${version}) is not JSON`, { cause: error });
    }
    // The compiled check is fast; the errors are looked for only when there are some.
    if (checker.Check(value)) return value as T;
    const issue = checker.Errors(value).First();
    if (issue) {
      throw new StoredDocumentError(
        `A ${kind} (version ${version}) has ${issue.path || "/"}: ${issue.message}`,
      );
    }
    return value as T;
  };
  return { current, decode };
}

/** A submission's normalised order, as the processor applies it. */
export const submissionDocument = createDecoder<NormalisedOrder>("submission document", 1, {
  1: NormalisedOrderSchema,
});

/** A batch's per-order results, as its status answer shows them. */
export const batchResults = createDecoder<BatchOrderResult[]>("batch's results", 1, {
  1: BatchResultsSchema,
});

/** The headers an idempotency record replays. */
export const replayedHeaders = createDecoder<Record<string, string>>("replayed answer's headers", 1, {
  1: ReplayedHeadersSchema,
});

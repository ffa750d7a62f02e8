import { Type } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import {
  ERASED_RECORD_KINDS,
  type ErasureCounts,
  type ErasureRequestRecord,
  type ErasureSubject,
} from "./privacy-store.js";
import { StoredDocumentError } from "./stored-document-error.js";

/** The columns of an erasure_requests row, its JSON columns as stored (text) or as the driver parsed them. */
export interface ErasureRequestColumns {
  id: string;
  trkref: string;
  subjects: unknown;
  requested_by: string;
  requested_at: string;
  status: "pending" | "completed";
  completed_at: string | null;
  counts: unknown;
}

/** The columns a record is read from, in the order of `ErasureRequestColumns`. */
export const ERASURE_REQUEST_COLUMNS =
  "id, trkref, subjects, requested_by, requested_at, status, completed_at, counts";

const subjectsCheck = TypeCompiler.Compile(
  Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal("email"), Type.Literal("customer_ref")]),
      hash: Type.String(),
    }),
  ),
);
const countsCheck = TypeCompiler.Compile(
  Type.Object(Object.fromEntries(ERASED_RECORD_KINDS.map((kind) => [kind, Type.Integer({ minimum: 0 })]))),
);

const parsed = (stored: unknown) => (typeof stored === "string" ? JSON.parse(stored) : stored);

/** The ledger's JSON read back through a check, never a cast: a request names whom it erases from it. */
function decodeSubjects(stored: unknown): ErasureSubject[] {
  const subjects = parsed(stored);
  if (!subjectsCheck.Check(subjects))
    throw new StoredDocumentError("An erasure request's subjects are malformed");
  return subjects.map(({ kind, hash }) => ({ kind, hash }));
}

// Rebuilt in the answer's order of kinds: PostgreSQL's jsonb keeps its keys in an order of its own. A
// request completed before a kind was counted (invitations) read it as 0: nothing of that kind existed.
function decodeCounts(stored: unknown): ErasureCounts | null {
  if (stored === null) return null;
  const asStored = parsed(stored);
  const counts =
    typeof asStored === "object" && asStored !== null && !Array.isArray(asStored)
      ? { invitations: 0, ...asStored }
      : asStored;
  if (!countsCheck.Check(counts)) throw new StoredDocumentError("An erasure request's counts are malformed");
  const read = counts as Record<string, number>;
  return Object.fromEntries(ERASED_RECORD_KINDS.map((kind) => [kind, read[kind]])) as ErasureCounts;
}

export const toErasureRequestRecord = (row: ErasureRequestColumns): ErasureRequestRecord => ({
  id: row.id,
  trkref: row.trkref,
  subjects: decodeSubjects(row.subjects),
  requestedBy: row.requested_by,
  requestedAt: row.requested_at,
  status: row.status,
  completedAt: row.completed_at,
  counts: decodeCounts(row.counts),
});

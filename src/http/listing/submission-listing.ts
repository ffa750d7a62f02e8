import { isTrkref, trkrefCorrection } from "../../domain/trkref.js";
import type { ApiKeyRecord, Store, SubmissionStatus } from "../../storage/store.js";
import { ProblemError } from "../problem-catalogue.js";
import { toSubmissionBody } from "../submission-body.js";
import { PAGE_PARAMETERS, type Page, readCursorPosition, readPage, readPageRequest } from "./page.js";
import { createQueryReader, type QueryReader } from "./query-reader.js";

const SUBMISSION_LIST_PARAMETERS = ["status", "trkref", ...PAGE_PARAMETERS];
export const LISTED_STATUSES = ["accepted", "processed", "failed"] as const satisfies SubmissionStatus[];

const isListedStatus = (value: string): value is SubmissionStatus =>
  (LISTED_STATUSES as readonly string[]).includes(value);

/** A cursor's position in a listing of submissions: a seq. */
function parseSubmissionPosition(position: unknown[]): { seq: number } | undefined {
  const [seq] = position;
  return position.length === 1 && Number.isSafeInteger(seq) && (seq as number) >= 0
    ? { seq: seq as number }
    : undefined;
}

const CHOICES = LISTED_STATUSES.join(", ");

function readStatus(reader: QueryReader): SubmissionStatus | undefined {
  const status = reader.required("status", "invalid_choice", `Name the status to list: ${CHOICES}`);
  if (status === undefined || isListedStatus(status)) return status;
  reader.refuse("status", "invalid_choice", `Must be one of ${CHOICES}`);
  return undefined;
}

function readTrkref(reader: QueryReader): string | undefined {
  const trkref = reader.required(
    "trkref",
    "invalid_trkref",
    "Name the organisation whose submissions to list",
  );
  if (trkref === undefined || isTrkref(trkref)) return trkref;
  reader.refuse("trkref", "invalid_trkref", `The trkref ${trkrefCorrection(trkref)}`);
  return undefined;
}

/** A submission listing's page, as `GET /v4/customer_orders` answers it. */
export type SubmissionPage = Page<ReturnType<typeof toSubmissionBody>>;

/**
 * One page of an organisation's submissions in one status, in acceptance order, newest first unless told.
 * Both `status` and `trkref` are required: each page is then one range of one index, whatever the number
 * of organisations the key may act for. A wrong query is 400 `invalid_query`; an organisation the key may
 * not act for, 403 `key_not_allowed`.
 */
export async function readSubmissionPage(
  store: Pick<Store, "listSubmissionsByStatus">,
  key: Pick<ApiKeyRecord, "trkrefs">,
  query: unknown,
): Promise<SubmissionPage> {
  const reader = createQueryReader(query, SUBMISSION_LIST_PARAMETERS);
  const status = readStatus(reader);
  const trkref = readTrkref(reader);
  const page = readPageRequest(reader);
  const listing = ["submissions", trkref ?? null, status ?? null, page.order];
  const after = readCursorPosition(reader, page.cursor, listing, parseSubmissionPosition);
  reader.finish();
  // Both are required: finish() has answered 400 when either is missing or wrong.
  if (trkref === undefined || status === undefined) throw new Error("A required parameter passed unreported");
  if (!key.trkrefs.includes(trkref)) {
    throw new ProblemError("key_not_allowed", { detail: `This API key may not act for ${trkref}` });
  }
  const { rows, next } = await readPage({
    limit: page.limit,
    listing,
    read: (limit) =>
      store.listSubmissionsByStatus({
        trkref,
        status,
        direction: page.direction,
        afterSeq: after?.seq,
        limit,
      }),
    positionOf: (submission) => [submission.seq],
  });
  return { data: rows.map(toSubmissionBody), next };
}

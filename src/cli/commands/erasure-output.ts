import { toErasureRequestBody } from "../../http/routes/erasure-request-schemas.js";
import { ERASED_RECORD_KINDS, type ErasureRequestRecord } from "../../storage/privacy-store.js";

/**
 * An erasure request as the CLI prints it, one line per request as each is run (so that a run cut short
 * has said what it did): `--json` with the API's members, plus the organisation and, for a replay, the
 * request it replays; for people, its id, status and counts per kind.
 */

/** A request as `--json` prints it. */
export const toErasureRequestJson = (request: ErasureRequestRecord, replayOf?: string) => ({
  ...toErasureRequestBody(request),
  trkref: request.trkref,
  ...(replayOf !== undefined && { replay_of: replayOf }),
});

const subjectCount = (count: number) => (count === 1 ? "1 subject" : `${count} subjects`);

/** `Erasure request <id> (ACME, 2 subjects): completed; orders 1, order_items 3, …`. */
export function formatErasureLine(request: ErasureRequestRecord, replayOf?: string): string {
  const what =
    replayOf === undefined ? `Erasure request ${request.id}` : `Replayed ${replayOf} as ${request.id}`;
  const { counts } = request;
  const done = counts ? `; ${ERASED_RECORD_KINDS.map((kind) => `${kind} ${counts[kind]}`).join(", ")}` : "";
  return `${what} (${request.trkref}, ${subjectCount(request.subjects.length)}): ${request.status}${done}`;
}

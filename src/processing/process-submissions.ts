import type { SubmissionOutcome } from "../domain/apply-submission.js";
import { applySubmissionsInOrder } from "../domain/apply-submissions-in-order.js";
import type { CustomerHasher } from "../domain/customer-privacy.js";
import {
  type NewEvent,
  type OrderChange,
  orderChangeEvent,
  submissionFailedEvent,
} from "../domain/order-events.js";
import { newRecordId } from "../domain/record-id.js";
import type { DatabaseErrorKind } from "../storage/database-errors.js";
import type { InvitationSettings } from "../storage/invitation-store.js";
import type {
  ClaimedSubmission,
  ProcessingDatabase,
  ProcessingDefect,
  ProcessingOptions,
  ProcessingReport,
  ProcessingTransaction,
  SubmissionFailure,
} from "../storage/processing-io.js";
import { StoreDefectError, StoreUnavailableError } from "../storage/store.js";
import { StoredDocumentError, submissionDocument } from "../storage/stored-documents.js";
import { scheduleInvitations } from "./schedule-invitations.js";
import {
  changeToTell,
  type DecodedSubmission,
  orderToSave,
  type SubmissionCustomers,
  stripSuppressed,
} from "./suppressed-customers.js";

/** The reason served to the merchant for a submission a defect of the service failed; the log has the rest. */
export const DEFECT_FAILURE_REASON =
  "The order could not be processed because of an internal error; the operator has been told";

/**
 * What an error met while processing means: the database's errors by the adapter's classification, the
 * store's own verdict that it cannot serve now (a document of a newer release, a transaction the database
 * ended) as `unavailable`, and anything else, an error of the service's own code, as `undefined`.
 */
function kindOf(database: ProcessingDatabase, error: unknown): DatabaseErrorKind | undefined {
  if (error instanceof StoreUnavailableError) return "unavailable";
  return database.classifyError(error);
}

const describeDefect = (submissionId: string, error: unknown): ProcessingDefect => {
  const {
    name = "Error",
    message = String(error),
    stack,
    code,
  } = (error ?? {}) as Partial<Error> & {
    code?: unknown;
  };
  return {
    submissionId,
    name,
    message,
    ...(typeof code === "string" && { code }),
    ...(stack !== undefined && { stack }),
  };
};

function decode(claimed: ClaimedSubmission): DecodedSubmission {
  try {
    return {
      claimed,
      apply: { id: claimed.id, order: submissionDocument.decode(claimed.documentVersion, claimed.document) },
    };
  } catch (error) {
    // A document of a newer release's shape waits for a processor of that release (see stored-documents.ts).
    if (error instanceof StoreUnavailableError) throw error;
    return { claimed, unreadable: error };
  }
}

/**
 * What applying submissions made: each one's outcome, each change of an order, in acceptance order, and
 * the invitations it wrote with their events.
 */
interface Applied {
  outcomes: SubmissionOutcome[];
  changes: OrderChange[];
  invitations: number;
  invitationEvents: NewEvent[];
}

/** What applying a batch needs beside the submissions: the hasher, each submission's customer, the time. */
interface ApplyContext {
  hasher: CustomerHasher;
  customers: SubmissionCustomers;
  now: Date;
  /** Absent: no invitation is scheduled. */
  invitations: InvitationSettings | undefined;
}

const nothingApplied = (): Applied => ({ outcomes: [], changes: [], invitations: 0, invitationEvents: [] });

/**
 * Applies submissions to their orders: their orders are read in one go, the domain applies each to its
 * order as the ones before it left it (`applySubmissionsInOrder`), each changed order is written once, its
 * invitation scheduled or kept right (`scheduleInvitations`), and the outcomes are marked together (a few
 * statements in all on PostgreSQL, whatever the number).
 */
async function applyTogether(
  tx: ProcessingTransaction,
  submissions: DecodedSubmission[],
  { hasher, customers, now, invitations }: ApplyContext,
): Promise<Applied> {
  const readable = submissions.flatMap((s) => ("apply" in s ? [s] : []));
  if (readable.length === 0) return nothingApplied();
  const at = now.toISOString();
  const stored = await tx.findOrders(readable.map((s) => s.apply.order));
  const { outcomes, changed, changes } = applySubmissionsInOrder(
    stored,
    readable.map((s) => s.apply),
  );
  const saved = changed.map((c) => orderToSave(hasher, c, customers));
  await tx.saveOrders(saved, at);
  const scheduled = invitations
    ? await scheduleInvitations(tx, saved, invitations, now)
    : { written: 0, events: [] };
  await tx.markProcessed(
    readable.map((s, index) => ({ seq: s.claimed.seq, outcome: outcomes[index] as SubmissionOutcome })),
    at,
  );
  return {
    outcomes,
    changes: changes.map((change) => changeToTell(change, customers)),
    invitations: scheduled.written,
    invitationEvents: scheduled.events,
  };
}

/**
 * Fails the submissions whose documents cannot be read: defects, each reported. The reason says what is
 * wrong with the document in the service's own words, which name no value of it.
 */
function failUnreadable(submissions: DecodedSubmission[], defects: ProcessingDefect[]): SubmissionFailure[] {
  return submissions.flatMap((s) => {
    if (!("unreadable" in s)) return [];
    defects.push(describeDefect(s.claimed.id, s.unreadable));
    const what = s.unreadable instanceof StoredDocumentError ? ` (${s.unreadable.message})` : "";
    return [
      {
        seq: s.claimed.seq,
        code: "unreadable_document" as const,
        reason: `The order as stored could not be read${what}; the operator has been told`,
      },
    ];
  });
}

/**
 * Applies each submission in a savepoint of its own, so that one that cannot be applied fails alone: with
 * the database's reason when the database refused its data, with a generic reason (and a report) when the
 * service's own code failed on it. Anything else aborts the whole batch, which is taken again later: a
 * database that cannot serve, or one that fails as a defect (a table missing after a bad deploy, a
 * privilege revoked), which would fail every submission alike; and so does a defect met by every
 * submission of the batch, which is a broken release rather than one bad document.
 */
async function applyOneByOne(
  database: ProcessingDatabase,
  tx: ProcessingTransaction,
  submissions: DecodedSubmission[],
  context: ApplyContext,
  defects: ProcessingDefect[],
): Promise<Applied & { failures: SubmissionFailure[] }> {
  const applied = nothingApplied();
  const readable = submissions.filter((s) => "apply" in s);
  const failures: SubmissionFailure[] = [];
  let defective = 0;
  let firstDefect: unknown;
  for (const submission of readable) {
    try {
      const one = await tx.inSavepoint(() => applyTogether(tx, [submission], context));
      applied.outcomes.push(...one.outcomes);
      applied.changes.push(...one.changes);
      applied.invitations += one.invitations;
      applied.invitationEvents.push(...one.invitationEvents);
    } catch (error) {
      const kind = kindOf(database, error);
      if (kind === "refused") {
        const reason = error instanceof Error ? error.message : String(error);
        failures.push({ seq: submission.claimed.seq, code: "not_storable", reason });
        continue;
      }
      if (kind !== undefined) throw error;
      defective += 1;
      firstDefect ??= error;
      defects.push(describeDefect(submission.claimed.id, error));
      failures.push({ seq: submission.claimed.seq, code: "internal_error", reason: DEFECT_FAILURE_REASON });
    }
  }
  if (defective > 1 && defective === readable.length) {
    throw new StoreDefectError(`Every submission of the batch (${defective}) failed on a defect`, {
      cause: firstDefect,
    });
  }
  return { ...applied, failures };
}

/**
 * The events of a batch, in acceptance order: one per change of an order (a duplicate changes nothing and
 * tells nothing), then those of the invitations it scheduled or changed, then one per failed submission,
 * never with its document.
 */
function eventsOf(
  applied: Applied,
  failures: SubmissionFailure[],
  claimed: Map<number, ClaimedSubmission>,
  now: string,
): NewEvent[] {
  const events = applied.changes.map((change) => orderChangeEvent(change, newRecordId(), now));
  events.push(...applied.invitationEvents);
  for (const { seq, code, reason } of failures) {
    const submission = claimed.get(seq);
    if (!submission) continue;
    const facts = { submissionId: submission.id, trkref: submission.trkref, orderRef: submission.order_ref };
    events.push(submissionFailedEvent({ ...facts, code, reason }, newRecordId(), now));
  }
  return events;
}

/** The outcomes counted by kind, and the failures named as they are logged. */
function reportOf(
  claimed: Map<number, ClaimedSubmission>,
  applied: Applied,
  failures: SubmissionFailure[],
  defects: ProcessingDefect[],
  events: number,
): ProcessingReport {
  const counts: Record<SubmissionOutcome, number> = { created: 0, updated: 0, duplicate: 0 };
  for (const outcome of applied.outcomes) counts[outcome] += 1;
  const failed = failures.flatMap(({ seq, code }) => {
    const submission = claimed.get(seq);
    return submission
      ? [{ submissionId: submission.id, trkref: submission.trkref, orderRef: submission.order_ref, code }]
      : [];
  });
  return {
    taken: claimed.size,
    events,
    invitations: applied.invitations,
    outcomes: counts,
    failures: failed,
    defects,
  };
}

/**
 * Claims a batch and applies it in one transaction, all together or (`oneByOne`) each in a savepoint; the
 * documents of suppressed customers stripped first (`stripSuppressed`).
 */
async function processBatch(
  database: ProcessingDatabase,
  limit: number,
  hasher: CustomerHasher,
  options: ProcessingOptions,
  oneByOne: boolean,
) {
  return database.inTransaction(async (tx): Promise<ProcessingReport> => {
    const decoded = (await tx.claimPending(limit)).map(decode);
    const { submissions, customers } = await stripSuppressed(tx, hasher, decoded);
    const at = options.now === undefined ? new Date() : new Date(options.now);
    const now = at.toISOString();
    const context: ApplyContext = { hasher, customers, now: at, invitations: options.invitations };
    const defects: ProcessingDefect[] = [];
    const failures = failUnreadable(submissions, defects);
    let applied: Applied;
    if (oneByOne) {
      const oneAtATime = await applyOneByOne(database, tx, submissions, context, defects);
      failures.push(...oneAtATime.failures);
      applied = oneAtATime;
    } else {
      applied = await applyTogether(tx, submissions, context);
    }
    if (failures.length > 0) await tx.markFailed(failures, now);
    const claimed = new Map(submissions.map((s) => [s.claimed.seq, s.claimed]));
    // Last, in the same transaction: the outbox commits with the changes it tells of, or not at all.
    const events = eventsOf(applied, failures, claimed, now);
    if (events.length > 0) await tx.writeEvents(events, now);
    return reportOf(claimed, applied, failures, defects, events.length);
  });
}

/**
 * The processing pipeline, written once for every store: takes up to `limit` accepted submissions in
 * acceptance order (the adapter's claim keeps each order to one processor), applies them to their orders
 * and records their outcomes, all in one transaction. A batch first runs with no savepoints; only if one of
 * its submissions cannot be applied is it rolled back and run again one submission at a time, each in a
 * savepoint, so that the one fails alone and the others go on. An error that means the database cannot
 * serve propagates: nothing of the batch is kept, and it is taken again. `hasher`, made with the
 * installation's key, gives every saved order the hashes an erasure finds it by; `options.invitations`
 * schedules the orders' review invitations in the same transaction.
 */
export async function processPendingSubmissions(
  database: ProcessingDatabase,
  limit: number,
  hasher: CustomerHasher,
  options: ProcessingOptions = {},
): Promise<ProcessingReport> {
  try {
    return await processBatch(database, limit, hasher, options, false);
  } catch (error) {
    if (kindOf(database, error) === "unavailable") throw error;
    return processBatch(database, limit, hasher, options, true);
  }
}

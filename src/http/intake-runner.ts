import type { FastifyReply, FastifyRequest } from "fastify";
import { fingerprintRequest } from "../domain/request-fingerprint.js";
import type { GroupCommitter } from "../storage/group-commit.js";
import {
  type IdempotencyRecord,
  type IntakeCommitOutcome,
  type IntakeWrite,
  idempotencyScope,
  type Store,
} from "../storage/store.js";
import { withDeadline } from "../storage/store-deadline.js";
import { apiKeyOf } from "./authenticate.js";
import type { BacklogCeiling } from "./backlog-ceiling.js";
import { readIdempotencyKey } from "./idempotency-key.js";
import { ProblemError } from "./problem-catalogue.js";

/** An answer ready to send, and to replay byte for byte on an idempotent retry. */
export interface IntakeAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** What a route decided: the answer, and what must be committed before it may be sent. */
export interface PreparedIntake {
  answer: IntakeAnswer;
  write: IntakeWrite;
  /** The customers whose data the answer holds, recorded with its idempotency record for erasure. */
  customers?: IdempotencyRecord["customers"];
}

export interface IntakeRunnerOptions {
  store: Store;
  committer: GroupCommitter<IntakeWrite, IntakeCommitOutcome>;
  now: () => Date;
  idempotencyTtlMs: number;
  /** Longest a request waits for its commit, queueing included; past it, 503. */
  commitTimeoutMs: number;
  /** Refuses submissions while too many wait to be processed, and hears of each commit. */
  backlog: Pick<BacklogCeiling, "refuseWhenFull" | "recordCommitted">;
}

/**
 * Runs the write endpoints: commits what a route prepared, then answers. With an `Idempotency-Key` (IETF
 * draft "The Idempotency-Key HTTP Header Field") the key's record is committed in the same transaction as
 * the submissions, so a retry with the same body replays the first answer even after a restart, a retry with
 * another body is refused (422), and one that arrives while the first is in flight is refused (409).
 * While the processing backlog is at its ceiling every submission is refused first, before its key is
 * looked up and its body validated: such a refusal costs no query and stores nothing.
 */
export function createIntakeRunner(options: IntakeRunnerOptions) {
  const inFlight = new Set<string>();

  async function commitAndAnswer(prepared: PreparedIntake, reply: FastifyReply, record?: IdempotencyRecord) {
    // The store call is bounded on its own; this bounds the wait in the queue for it too, behind commits that
    // hang on a database that does not answer.
    const outcome = await withDeadline(
      options.committer.submit(record ? { ...prepared.write, idempotency: record } : prepared.write),
      options.commitTimeoutMs,
      "commitIntake",
    );
    if (outcome === "committed") options.backlog.recordCommitted(prepared.write.submissions.length);
    if (outcome === "idempotency_conflict" && record) return answerLikeTheWinner(reply, record);
    return send(reply, prepared.answer);
  }

  /**
   * Another instance committed a request with the same key between our look-up and our commit (this
   * instance's in-flight guard cannot see it), and our write was left out whole. Answer as a retry would.
   */
  async function answerLikeTheWinner(reply: FastifyReply, ours: IdempotencyRecord): Promise<FastifyReply> {
    const winner = await options.store.findIdempotencyRecord(ours.keyId, ours.idempotencyKey, ours.createdAt);
    if (!winner) throw new ProblemError("idempotency_key_in_flight");
    if (winner.fingerprint !== ours.fingerprint) throw new ProblemError("idempotency_key_reused");
    return send(reply.header("idempotent-replayed", "true"), winner);
  }

  return async function runIntake(
    request: FastifyRequest,
    reply: FastifyReply,
    prepare: () => PreparedIntake | Promise<PreparedIntake>,
  ): Promise<FastifyReply> {
    options.backlog.refuseWhenFull();
    const idempotencyKey = readIdempotencyKey(request.headers["idempotency-key"]);
    if (idempotencyKey === undefined) return commitAndAnswer(await prepare(), reply);
    const keyId = apiKeyOf(request).id;
    const scope = idempotencyScope({ keyId, idempotencyKey });
    if (inFlight.has(scope)) throw new ProblemError("idempotency_key_in_flight");
    inFlight.add(scope);
    try {
      const fingerprint = fingerprintRequest(request.method, request.url.split("?")[0] ?? "", request.body);
      const now = options.now();
      const previous = await options.store.findIdempotencyRecord(keyId, idempotencyKey, now.toISOString());
      if (previous) {
        if (previous.fingerprint !== fingerprint) throw new ProblemError("idempotency_key_reused");
        return send(reply.header("idempotent-replayed", "true"), previous);
      }
      const prepared = await prepare();
      const expiresAt = new Date(now.getTime() + options.idempotencyTtlMs).toISOString();
      const { statusCode, headers, body } = prepared.answer;
      const record = {
        keyId,
        idempotencyKey,
        fingerprint,
        statusCode,
        headers,
        body,
        createdAt: now.toISOString(),
        expiresAt,
        ...(prepared.customers?.length && { customers: prepared.customers }),
      };
      return await commitAndAnswer(prepared, reply, record);
    } finally {
      inFlight.delete(scope);
    }
  };
}

export type RunIntake = ReturnType<typeof createIntakeRunner>;

function send(reply: FastifyReply, answer: IntakeAnswer): FastifyReply {
  return reply.code(answer.statusCode).headers(answer.headers).send(answer.body);
}

/** A JSON answer with its Content-Type among the headers, so that a replay restores it too. */
export function jsonAnswer(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): IntakeAnswer {
  return {
    statusCode,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(body),
  };
}

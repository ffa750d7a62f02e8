import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { StoreOverloadedError, StoreUnavailableError } from "../storage/store.js";
import { accessDeniedMember, fieldErrorMembers } from "./legacy-members.js";
import { type ProblemCode, type ProblemEntry, ProblemError, problemCatalogue } from "./problem-catalogue.js";

/** Where each problem type is described; the service answers `GET /problems/{code}` itself. */
export const problemTypeUri = (code: ProblemCode) => `/problems/${code}`;

/**
 * The RFC 9457 problem document for an error. Besides `type`, `title`, `status` and `detail` it carries the
 * members that clients of the original v4 API read: `status`, `message`, for validation `errors` (strings,
 * with our structured entries in `invalid_params`), and `error` on a 403.
 */
export function problemDocument(problem: ProblemError): Record<string, unknown> {
  const entry = problemCatalogue[problem.code];
  return {
    type: problemTypeUri(problem.code),
    title: entry.title,
    status: entry.status,
    detail: problem.message,
    code: problem.code,
    message: entry.message,
    ...accessDeniedMember(problem.code),
    ...problem.extensions,
    ...(problem.errors && fieldErrorMembers(problem.errors)),
    ...(problem.warnings?.length && { warnings: problem.warnings }),
  };
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json; charset=utf-8";

/** Writes a problem answer, with the headers the problem carries (Retry-After, WWW-Authenticate). */
export function sendProblem(reply: FastifyReply, problem: ProblemError): FastifyReply {
  const { retryAfterSeconds } = problemCatalogue[problem.code] as ProblemEntry;
  if (retryAfterSeconds !== undefined) reply.header("retry-after", String(retryAfterSeconds));
  if (problem.headers) reply.headers(problem.headers);
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemDocument(problem)));
}

// Fastify's own request errors, by code, and the catalogue entry each one answers with.
const fastifyErrorCodes: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "bad_request",
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_json",
};

/** What a refusal of Fastify's says, with what the client needs to know to fix it. */
function detailOf(error: FastifyError, request: FastifyRequest | undefined): string {
  const limit = request?.routeOptions.bodyLimit;
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE" && limit !== undefined) {
    return `The request body is larger than this endpoint's limit of ${limit} bytes`;
  }
  return error.message;
}

/** Turns any error into a problem answer; a 5xx never shows its internals to the client. */
export function toProblem(error: FastifyError | Error, request?: FastifyRequest): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof StoreUnavailableError) return new ProblemError("store_unavailable", { cause: error });
  if (error instanceof StoreOverloadedError) return new ProblemError("overloaded", { cause: error });
  const fastifyError = error as FastifyError;
  const mapped = fastifyError.code ? fastifyErrorCodes[fastifyError.code] : undefined;
  if (mapped) return new ProblemError(mapped, { detail: detailOf(fastifyError, request) });
  if (error instanceof SyntaxError) return new ProblemError("invalid_json", { detail: error.message });
  const status = fastifyError.statusCode ?? 500;
  if (status === 404) return new ProblemError("not_found");
  if (status >= 400 && status < 500) return new ProblemError("bad_request", { detail: error.message });
  return new ProblemError("internal_error");
}

/** Installs the one error handler of the service; method-not-allowed.ts answers requests no route takes. */
export function registerProblemHandlers(
  app: FastifyInstance,
  options: { onStoreFailure?: (error: unknown) => void; onOverload?: (error: unknown) => void } = {},
): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const problem = toProblem(error, request);
    // A store that cannot serve, and overload, are each reported as one episode, not once per request; any
    // other 503 is an expected refusal; anything else at 500 is a defect and is logged whole.
    if (problem.code === "store_unavailable" && options.onStoreFailure) options.onStoreFailure(error);
    else if (problem.code === "overloaded" && options.onOverload) options.onOverload(error);
    else if (problem.status === 503)
      request.log.warn({ code: problem.code, reason: error.message }, "request refused");
    else if (problem.status >= 500) request.log.error({ err: error }, "request failed");
    return sendProblem(reply, problem);
  });
}

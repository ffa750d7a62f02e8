import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { ProblemError } from "./problem-catalogue.js";
import { PROBLEM_CONTENT_TYPE, problemDocument } from "./problem-details.js";

/** The problem for an error Node's HTTP parser raised before Fastify saw a request. */
function toClientProblem(code: string | undefined): ProblemError {
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return new ProblemError("request_timeout");
  if (code === "HPE_HEADER_OVERFLOW") return new ProblemError("headers_too_large");
  return new ProblemError("bad_request", { detail: "The request is not valid HTTP" });
}

/**
 * Answers requests that never became requests (malformed HTTP, headers too large, a body that never
 * finishes arriving) with a problem document too, written straight to the socket, which is then closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  if (socket.writable) {
    const problem = toClientProblem(error.code);
    const body = JSON.stringify(problemDocument(problem));
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

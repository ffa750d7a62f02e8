import type { FastifyInstance, FastifyRequest } from "fastify";
import { ProblemError } from "./problem-catalogue.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Bytes of the body budget this request holds until it is answered. */
    bodyReservation: number;
  }
}

/**
 * The bytes a request's body may take: its declared length, or its route's limit when it is sent in chunks
 * (no length is known before it has arrived). A body declared over the limit reserves nothing: it is
 * refused with 413 without being read.
 */
function bytesToReserve(request: FastifyRequest): number {
  const limit = request.routeOptions.bodyLimit ?? 0;
  const declared = request.headers["content-length"];
  if (declared !== undefined) {
    const length = Number(declared);
    return Number.isSafeInteger(length) && length <= limit ? length : 0;
  }
  return request.headers["transfer-encoding"] !== undefined ? limit : 0;
}

/**
 * Bounds the memory that request bodies take across all requests: each reserves its bytes before its body
 * is read and gives them back when it is answered (or its client goes away). One more request than the
 * budget holds gets 503 overloaded with Retry-After, before its body is read; a request is always let
 * through when nothing else holds the budget, so that the largest body accepted is never refused for ever.
 */
export function registerBodyBudget(app: FastifyInstance, maxBytes: number): void {
  let inFlight = 0;
  app.decorateRequest("bodyReservation", 0);
  const release = (request: FastifyRequest) => {
    inFlight -= request.bodyReservation;
    request.bodyReservation = 0;
  };
  app.addHook("preParsing", (request, reply, payload, done) => {
    const bytes = bytesToReserve(request);
    if (bytes > 0 && inFlight > 0 && inFlight + bytes > maxBytes) {
      const detail = `Request bodies of ${inFlight} bytes are being handled, at most ${maxBytes}; retry shortly`;
      return done(new ProblemError("overloaded", { detail }));
    }
    inFlight += bytes;
    request.bodyReservation = bytes;
    // The response's close comes once it is sent, and also when the connection goes away first (a client
    // that hung up, a timeout), where Fastify's response hooks do not all run.
    if (bytes > 0) reply.raw.once("close", () => release(request));
    done(null, payload);
  });
}

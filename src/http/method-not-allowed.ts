import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ProblemError } from "./problem-catalogue.js";
import { sendProblem } from "./problem-details.js";

/**
 * The methods `url` has a route for, in the order of Fastify's supported methods (HEAD wherever GET is, as
 * Fastify adds a HEAD route for each GET), with OPTIONS, which `answerUnroutedRequest` answers for every
 * known path; empty for a path the service does not know. (`findRoute` takes a URL it cannot decode for
 * a route of every method, but such a URL never gets here: the router refuses it with 400 first.)
 */
function allowedMethods(app: FastifyInstance, url: string): string[] {
  const routed = app.supportedMethods.filter((method) => app.findRoute({ method, url }) !== null);
  return routed.length === 0 ? [] : [...new Set([...routed, "OPTIONS"])];
}

/**
 * Answers a request no route took. A known path asked with another method is `405 method_not_allowed`
 * with `Allow` (RFC 9110 §15.5.6), rather than Fastify's `404` for any unmatched method
 * (https://github.com/fastify/fastify/pull/862); `OPTIONS` on it is `204` with the same `Allow`
 * (RFC 9110 §9.3.7). Any other path is `404 not_found`. Neither needs credentials: the paths and their
 * methods are public in the API description.
 */
export function answerUnroutedRequest(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
  const allowed = allowedMethods(app, request.url);
  if (allowed.length === 0) {
    const detail = `No route for ${request.method} ${request.url}`;
    return sendProblem(reply, new ProblemError("not_found", { detail }));
  }
  const allow = allowed.join(", ");
  if (request.method === "OPTIONS") return reply.code(204).header("allow", allow).send();
  const detail = `${request.method} is not allowed on ${request.url.split("?", 1)[0]}, which allows ${allow}`;
  return sendProblem(reply, new ProblemError("method_not_allowed", { detail, headers: { allow } }));
}

/** Answers every request no route takes with `answerUnroutedRequest`. */
export function registerNotFoundHandler(app: FastifyInstance): void {
  // Before the body is read, as credentials are checked: a request that no route takes costs no upload,
  // and a wrong method is answered 405 whatever its body, not 415 or 400 for the body's type or syntax.
  // A callback hook, not an async one: it runs for every request and most need no promise.
  app.addHook("onRequest", (request, reply, done) => {
    if (request.is404) answerUnroutedRequest(app, request, reply);
    else done();
  });
  // For a handler that calls reply.callNotFound().
  app.setNotFoundHandler((request, reply) => answerUnroutedRequest(app, request, reply));
}

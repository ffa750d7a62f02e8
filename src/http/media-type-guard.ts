import type { FastifyInstance, FastifyRequest } from "fastify";
import { ProblemError } from "./problem-catalogue.js";

/** Types read as JSON: `application/json` and any `application/*+json`, with or without parameters. */
const JSON_MEDIA_TYPE = /^application\/(json|[\w.-]+\+json)\s*(;|$)/i;

const WHAT_TO_SEND =
  "send the order as JSON with Content-Type: application/json (with curl: -H 'Content-Type: application/json')";

/** True when the request carries a body: only then is its type a question. */
function hasBody(request: FastifyRequest): boolean {
  const { "content-length": length, "transfer-encoding": encoding } = request.headers;
  return encoding !== undefined || (length !== undefined && length !== "0");
}

/**
 * True when a browser sent the request from a page of another site. Such a page can send a body without a
 * Content-Type (a Blob or an ArrayBuffer) and without a CORS preflight, with the browser's cached Basic
 * credentials; only JSON's own type would have needed the preflight this service never grants.
 */
function isCrossSiteBrowserRequest(request: FastifyRequest): boolean {
  // Fetch Metadata: a browser says same-origin, same-site, cross-site, or none (typed by the user); only a
  // page of this very origin, or the user, may send a body without a type. Servers send no such header.
  const fetchSite = request.headers["sec-fetch-site"];
  if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    // A site is a host name whatever the port (RFC 6454 origins differ by port; sites do not).
    return new URL(origin).hostname !== request.hostname;
  } catch {
    // "null" (a sandboxed page, a file) and anything unparseable is not this site.
    return true;
  }
}

/**
 * Why a body of this request is not read, or undefined when it is: JSON types are, and so is a body with
 * no Content-Type at all, since the original API never asked for one and its clients send none, unless a
 * browser sent it from another site.
 */
function mediaTypeRefusal(request: FastifyRequest): ProblemError | undefined {
  if (!hasBody(request)) return undefined;
  const contentType = request.headers["content-type"];
  if (contentType === undefined) {
    if (!isCrossSiteBrowserRequest(request)) return undefined;
    return new ProblemError("unsupported_media_type", {
      detail: `A request from another site's page must declare its type: ${WHAT_TO_SEND}`,
    });
  }
  if (JSON_MEDIA_TYPE.test(contentType)) return undefined;
  return new ProblemError("unsupported_media_type", {
    detail: `Content-Type ${contentType} is not accepted: ${WHAT_TO_SEND}`,
  });
}

/** Refuses a body of the wrong type before it is read, so that a 415 costs no upload. */
export function registerMediaTypeGuard(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs for every request and most need no promise.
  app.addHook("preParsing", (request, _reply, payload, done) => {
    const refusal = mediaTypeRefusal(request);
    if (refusal) done(refusal);
    else done(null, payload);
  });
}

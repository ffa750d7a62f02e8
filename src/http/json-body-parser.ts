import { isUtf8 } from "node:buffer";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { markInexactNumbers } from "./inexact-number-marker.js";
import { ProblemError } from "./problem-catalogue.js";

type ParserDone = (error: Error | null, body?: unknown) => void;

declare module "fastify" {
  interface FastifyRequest {
    /** The body exactly as received, kept with the submission for audit. */
    rawBody: string | undefined;
  }
}

/**
 * Deepest nesting of arrays and objects accepted in a body at all: past it, the body is refused whole (400)
 * before anything walks it, because later walks over the parsed body (the idempotency fingerprint,
 * re-serialising a batch's orders) recurse, and a few hundred thousand brackets would overflow the call stack
 * there. Within it, each order document has its own, smaller limit, refused as a field error of that order
 * alone (`MAX_DOCUMENT_DEPTH`, `too_deep`).
 */
export const MAX_JSON_DEPTH = 256;

/**
 * Reads every body as JSON in UTF-8, the only encoding JSON may be exchanged in (RFC 8259); the media-type
 * guard has already refused bodies of other types. Malformed UTF-8 is refused rather than decoded into a text
 * the client never sent. An empty body is not a syntax error but "no data" (422, as the v4 API answered), so
 * it parses to `undefined`. `__proto__` keys are kept as plain data (JSON.parse makes them own properties, not
 * prototypes); validation refuses them as a field error of the order that holds them, so that one such order
 * does not refuse a whole batch. Numbers a double cannot hold exactly (`1.0000000000000001`, `1e-400`) are
 * handed on as `InexactNumber`s, refused the same way, rather than as the different value JSON.parse reads.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.decorateRequest("rawBody", undefined);
  const parseBody = (request: FastifyRequest, body: string | Buffer, done: ParserDone) => {
    const charset = declaredCharset(request.headers["content-type"]);
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      return done(
        new ProblemError("unsupported_media_type", { detail: `Only UTF-8 is accepted, not ${charset}` }),
      );
    }
    if (typeof body !== "string" && !isUtf8(body)) {
      return done(new ProblemError("invalid_json", { detail: "Request body is not valid UTF-8" }));
    }
    const text = body.toString();
    request.rawBody = text;
    if (text.trim() === "") return done(null, undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (syntaxError) {
      const detail = `Request body is not valid JSON: ${(syntaxError as Error).message}`;
      return done(new ProblemError("invalid_json", { detail }));
    }
    if (hasMoreOpeningsThan(text, MAX_JSON_DEPTH) && nestsDeeperThan(value, MAX_JSON_DEPTH)) {
      const detail = `JSON arrays and objects nested more than ${MAX_JSON_DEPTH} levels deep are refused`;
      return done(new ProblemError("bad_request", { detail }));
    }
    // After the nesting check: the second reading of a body with a suspect number recurses.
    return done(null, markInexactNumbers(value, text));
  };
  // One parser for every type (the guard decides which types arrive here), read as bytes, so that malformed
  // UTF-8 can be told from the replacement characters decoding makes.
  app.addContentTypeParser("*", { parseAs: "buffer" }, parseBody);
}

/**
 * True when `text` has more than `max` opening brackets: only then can it nest deeper than `max`. Found
 * with native searches, so that the walk below runs only for a body that may need it (a batch, or a hostile one).
 */
function hasMoreOpeningsThan(text: string, max: number): boolean {
  let count = 0;
  for (const opening of ["{", "["]) {
    for (let at = text.indexOf(opening); at !== -1; at = text.indexOf(opening, at + 1)) {
      if (++count > max) return true;
    }
  }
  return false;
}

/**
 * True when arrays and objects in the parsed `value` nest deeper than `max`. It walks the value JSON.parse
 * made (which reads any depth without recursion) with a stack of its own rather than recursing, since it is
 * what keeps the recursive walks after it safe; and it visits containers only, which for a batch is a few
 * times cheaper than reading the text again character by character.
 */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const containers: object[] = [];
  const depths: number[] = [];
  const visit = (child: unknown, depth: number) => {
    if (typeof child !== "object" || child === null) return;
    containers.push(child);
    depths.push(depth);
  };
  visit(value, 1);
  for (let container = containers.pop(); container !== undefined; container = containers.pop()) {
    const depth = depths.pop() as number;
    if (depth > max) return true;
    for (const child of Array.isArray(container) ? container : Object.values(container))
      visit(child, depth + 1);
  }
  return false;
}

/** The `charset` parameter of a Content-Type header, if it has one. */
function declaredCharset(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "")?.[1];
}

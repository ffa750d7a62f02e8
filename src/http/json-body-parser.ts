import type { FastifyInstance, FastifyRequest } from "fastify";
import { ProblemError } from "../domain/error-catalogue.js";

type ParserDone = (error: Error | null, body?: unknown) => void;

declare module "fastify" {
  interface FastifyRequest {
    /** The body exactly as received, kept with the submission for audit. */
    rawBody: string | undefined;
  }
}

/**
 * Accepts only JSON (`application/json` and `application/*+json`) in UTF-8, the only encoding JSON may be
 * exchanged in (RFC 8259); anything else is 415, rather than a body decoded wrongly and stored corrupted. An empty body is
 * not a syntax error but "no data" (422, as the v4 API answered), so it parses to `undefined`. Bodies with
 * `__proto__` or `constructor.prototype` keys are refused (400) rather than risk prototype pollution.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeAllContentTypeParsers();
  app.decorateRequest("rawBody", undefined);
  const parseBody = (request: FastifyRequest, body: string | Buffer, done: ParserDone) => {
    const charset = declaredCharset(request.headers["content-type"]);
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      return done(
        new ProblemError("unsupported_media_type", { detail: `Only UTF-8 is accepted, not ${charset}` }),
      );
    }
    const text = body.toString();
    request.rawBody = text;
    if (text.trim() === "") return done(null, undefined);
    parseJson(request, text, (error, value) => (error ? done(explainParseFailure(text)) : done(null, value)));
  };
  app.addContentTypeParser("application/json", { parseAs: "string" }, parseBody);
  // Fastify tests a RegExp against the whole header with its parameters (`…+json; charset="utf-8"`).
  app.addContentTypeParser(/^application\/[\w.-]+\+json(;|$)/, { parseAs: "string" }, parseBody);
}

/**
 * Fastify's parser says only "not valid JSON", also when the JSON is valid but carries a prototype key. Only
 * on that failure path, parse again to tell the two apart and say where the syntax breaks.
 */
function explainParseFailure(text: string): ProblemError {
  try {
    JSON.parse(text);
  } catch (syntaxError) {
    return new ProblemError("invalid_json", {
      detail: `Request body is not valid JSON: ${(syntaxError as Error).message}`,
    });
  }
  return new ProblemError("bad_request", {
    detail: "JSON objects with a __proto__ key or a constructor.prototype key are refused",
  });
}

/** The `charset` parameter of a Content-Type header, if it has one. */
function declaredCharset(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "")?.[1];
}

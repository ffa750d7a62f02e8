import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Negotiator from "negotiator";
import { locationHeader } from "../documented-headers.js";
import { problemGuideUri } from "../guides/guides.js";
import { HTML_MEDIA_TYPE, redirectNote, redirectWithNote } from "../html-answers.js";
import { type ProblemCode, ProblemError, problemCatalogue } from "../problem-catalogue.js";
import { problemResponses } from "../problem-responses.js";

const ProblemTypeSchema = Type.Object(
  {
    code: Type.String({ description: "The problem's stable machine code" }),
    status: Type.Integer({ description: "The HTTP status answers with this code have" }),
    title: Type.String({ description: "Short summary" }),
    message: Type.String({ description: "The message member of answers with this code" }),
    docs: Type.String({
      description: "The page of this service's errors guide that explains the code's cause and fix",
    }),
  },
  {
    description: "One entry of the error catalogue",
    examples: [
      {
        code: "validation_failed",
        status: 422,
        title: "Validation failed",
        message: "Validation failed",
        docs: problemGuideUri("validation_failed"),
      },
    ],
  },
);

const GuideRedirect = {
  description:
    "A client that prefers HTML (a browser) is sent to the code's entry in the errors guide, a page of " +
    "this service.",
  headers: locationHeader("The code's entry in the errors guide.", problemGuideUri("validation_failed")),
  content: {
    [HTML_MEDIA_TYPE]: {
      schema: Type.String({ description: "A link to the same page" }),
      example: redirectNote(problemGuideUri("validation_failed")),
    },
  },
};

/** The representations of a problem type, the first one for a client that states no preference. */
const PROBLEM_TYPE_MEDIA_TYPES = ["application/json", HTML_MEDIA_TYPE];

/**
 * `GET /problems/{code}`: what a problem answer's `type` points at. RFC 9457 §3.1.1 asks that a type URI,
 * dereferenced, give human-readable documentation: a browser is sent to the code's entry in the errors guide
 * (`303 See Other`), any other client gets the catalogue entry as JSON, as before.
 */
export function registerProblemTypeRoutes(app: FastifyInstance): void {
  app.get(
    "/problems/:code",
    {
      schema: {
        operationId: "getProblemType",
        tags: ["operations"],
        summary: "Describe one problem type",
        description:
          "The `type` member of every problem answer points here. Needs no credentials. Answers the " +
          "catalogue entry as JSON, or, to a client that prefers `text/html` (a browser), `303` to the " +
          "code's entry in the errors guide. The error catalogue in the description of this API lists " +
          "every code.",
        params: Type.Object({
          code: Type.String({ description: "A problem code", examples: ["validation_failed"] }),
        }),
        response: { 200: ProblemTypeSchema, 303: GuideRedirect, ...problemResponses("not_found") },
      },
    },
    async (request: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply) => {
      const { code } = request.params;
      if (!Object.hasOwn(problemCatalogue, code)) throw new ProblemError("not_found");
      const entry = problemCatalogue[code as ProblemCode];
      const docs = problemGuideUri(code as ProblemCode);
      // The answer depends on Accept: a cache must not hand a browser the JSON, nor a client the redirect.
      reply.header("vary", "accept");
      const preferred = new Negotiator(request).mediaType(PROBLEM_TYPE_MEDIA_TYPES);
      if (preferred === HTML_MEDIA_TYPE) return redirectWithNote(reply, 303, docs);
      return { code, status: entry.status, title: entry.title, message: entry.message, docs };
    },
  );
}

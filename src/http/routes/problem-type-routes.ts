import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { type ProblemCode, ProblemError, problemCatalogue } from "../problem-catalogue.js";
import { problemResponses } from "../problem-responses.js";

const ProblemTypeSchema = Type.Object(
  {
    code: Type.String({ description: "The problem's stable machine code" }),
    status: Type.Integer({ description: "The HTTP status answers with this code have" }),
    title: Type.String({ description: "Short summary" }),
    message: Type.String({ description: "The message member of answers with this code" }),
    docs: Type.String({ description: "Where the cause and the fix of each code are explained" }),
  },
  {
    description: "One entry of the error catalogue",
    examples: [
      {
        code: "validation_failed",
        status: 422,
        title: "Validation failed",
        message: "Validation failed",
        docs: "docs/errors.md",
      },
    ],
  },
);

/** `GET /problems/{code}`: the catalogue entry a problem answer's `type` points at. */
export function registerProblemTypeRoutes(app: FastifyInstance): void {
  app.get(
    "/problems/:code",
    {
      schema: {
        operationId: "getProblemType",
        tags: ["operations"],
        summary: "Describe one problem type",
        description:
          "The `type` member of every problem answer points here. Needs no credentials. The error catalogue " +
          "in the description of this API lists every code.",
        params: Type.Object({
          code: Type.String({ description: "A problem code", examples: ["validation_failed"] }),
        }),
        response: { 200: ProblemTypeSchema, ...problemResponses("not_found") },
      },
    },
    async (request: FastifyRequest<{ Params: { code: string } }>) => {
      const { code } = request.params;
      if (!Object.hasOwn(problemCatalogue, code)) throw new ProblemError("not_found");
      const entry = problemCatalogue[code as ProblemCode];
      return {
        code,
        status: entry.status,
        title: entry.title,
        message: entry.message,
        docs: "docs/errors.md",
      };
    },
  );
}

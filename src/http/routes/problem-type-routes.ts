import type { FastifyInstance, FastifyRequest } from "fastify";
import { type ProblemCode, ProblemError, problemCatalogue } from "../../domain/error-catalogue.js";

/** `GET /problems/{code}`: the catalogue entry a problem answer's `type` points at. */
export function registerProblemTypeRoutes(app: FastifyInstance): void {
  app.get(
    "/problems/:code",
    { schema: { tags: ["operations"], summary: "Describe one problem type" } },
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

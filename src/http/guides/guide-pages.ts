import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { sendPage } from "../html-answers.js";
import { GUIDE_STYLESHEET, GUIDE_STYLESHEET_PATH, guidePage } from "./guide-page.js";
import { type Guide, guidePath, guides } from "./guides.js";
import { renderGuide } from "./render-guide.js";

/** The package's `docs/`, three levels above this module whether it runs from `src/` or from `dist/`. */
const DOCS_DIRECTORY = new URL("../../../docs/", import.meta.url);

let renderedPages: Map<string, string> | undefined;

/** Every guide's HTML page by its path, rendered once per process: the files do not change while it runs. */
function guidePages(): Map<string, string> {
  if (renderedPages) return renderedPages;
  const pathOfFile = new Map<string, string>(guides.map((guide) => [guide.file, guidePath(guide.slug)]));
  const rendered = guides.map((guide) => {
    const { codeTables }: Guide = guide;
    const source = readFileSync(new URL(guide.file, DOCS_DIRECTORY), "utf8");
    try {
      const options = { pathOfFile: (file: string) => pathOfFile.get(file), codeTables };
      return { path: guidePath(guide.slug), guide: renderGuide(source, options) };
    } catch (error) {
      throw new Error(`docs/${guide.file}: ${(error as Error).message}`, { cause: error });
    }
  });
  const links = rendered.map(({ path, guide }) => ({ path, title: guide.title }));
  renderedPages = new Map(rendered.map(({ path, guide }) => [path, guidePage(guide, path, links)]));
  return renderedPages;
}

/**
 * `GET /docs/guides/{guide}`: the guides of `docs/` as HTML pages, and their stylesheet, so that someone
 * with only the service's URL can read them; `problemGuideUri` links a problem code to its entry. They need
 * no credentials and, like the API reference, are pages rather than API endpoints: left out of the OpenAPI
 * document. A guide file that is missing fails the start, as a missing module would.
 */
export function registerGuidePages(app: FastifyInstance): void {
  for (const [path, html] of guidePages()) {
    app.get(path, { schema: { hide: true } }, (_request, reply) => sendPage(reply, html));
  }
  app.get(GUIDE_STYLESHEET_PATH, { schema: { hide: true } }, (_request, reply) =>
    reply.header("x-content-type-options", "nosniff").type("text/css; charset=utf-8").send(GUIDE_STYLESHEET),
  );
}

import { API_REFERENCE_PATH } from "../api-reference-page.js";
import type { ProblemCode } from "../problem-catalogue.js";

/** A guide the service serves as a page of its own, rendered from its Markdown file in `docs/`. */
export interface Guide {
  /** The last segment of the page's path, under `GUIDES_PATH`. */
  slug: string;
  /** Its file in `docs/`. A link from one served guide's file to another's becomes a link to its page. */
  file: string;
  /** Sections, by heading, whose table rows are anchored by the code in their first cell: the id's prefix. */
  codeTables?: Readonly<Record<string, string>>;
}

/** Where the guides are served: beside the API reference, so that the service's URL leads to both. */
export const GUIDES_PATH = `${API_REFERENCE_PATH}/guides`;

/**
 * The guides for merchants' developers. Together their files link only to each other, so that every link of
 * a served page stays on the service.
 */
export const guides = [
  { slug: "getting-started", file: "getting-started.md" },
  { slug: "api", file: "api.md" },
  { slug: "order-document", file: "order-document.md" },
  { slug: "webhooks", file: "webhooks.md" },
  { slug: "privacy", file: "privacy.md" },
  { slug: "invitations", file: "invitations.md" },
  {
    slug: "errors",
    file: "errors.md",
    codeTables: {
      "Problem codes": "",
      "Field error codes": "field-",
      "Failure codes": "failure-",
      "Warning codes": "warning-",
    },
  },
] as const satisfies readonly Guide[];

export type GuideSlug = (typeof guides)[number]["slug"];

/** The path of a guide's page. */
export const guidePath = (slug: GuideSlug) => `${GUIDES_PATH}/${slug}`;

/** Where the errors guide explains a problem code; `GET /problems/{code}` points there. */
export const problemGuideUri = (code: ProblemCode) => `${guidePath("errors")}#${code}`;

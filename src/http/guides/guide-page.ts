import { API_REFERENCE_PATH } from "../api-reference-page.js";
import { GUIDES_PATH } from "./guides.js";
import { escapeHtml, type RenderedGuide } from "./render-guide.js";

/** One entry of the list of pages at the top of every guide. */
export interface PageLink {
  path: string;
  title: string;
}

/** Where the guides' stylesheet is served. */
export const GUIDE_STYLESHEET_PATH = `${GUIDES_PATH}/guide.css`;

/**
 * The guides' one stylesheet, served from this service as their content security policy requires (a
 * `<style>` element would be refused). Plain and readable: wide tables scroll rather than squeeze.
 */
export const GUIDE_STYLESHEET = `:root { color-scheme: light dark; }
body {
  margin: 0 auto;
  max-width: 72rem;
  padding: 0 1.5rem 4rem;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; padding: 1rem 0; border-bottom: 1px solid #8884; }
nav a[aria-current="page"] { font-weight: 600; text-decoration: none; color: inherit; }
h1, h2, h3 { line-height: 1.25; }
h2 { margin-top: 2.5rem; padding-bottom: 0.25rem; border-bottom: 1px solid #8884; }
code, pre { font: 0.9em/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { padding: 0.1em 0.3em; border-radius: 4px; background: #8882; }
pre { padding: 0.75rem 1rem; overflow-x: auto; border-radius: 6px; background: #8881; }
pre code { padding: 0; background: none; }
table { display: block; overflow-x: auto; border-collapse: collapse; margin: 1rem 0; }
th, td { padding: 0.4rem 0.7rem; border: 1px solid #8886; text-align: left; vertical-align: top; }
th { background: #8881; }
tr:target, h2:target, h3:target { background: #fd04; }
tr[id] > td:first-child { white-space: nowrap; }
`;

/** The HTML document of one guide, with links to the API reference and every guide at its top. */
export function guidePage(guide: RenderedGuide, path: string, pages: readonly PageLink[]): string {
  const links = [{ path: API_REFERENCE_PATH, title: "API reference" }, ...pages].map(
    (page) =>
      `<a href="${escapeHtml(page.path)}"${page.path === path ? ' aria-current="page"' : ""}>` +
      `${escapeHtml(page.title)}</a>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(guide.title)} · order-intake</title>
<link rel="stylesheet" href="${escapeHtml(GUIDE_STYLESHEET_PATH)}">
</head>
<body>
<nav aria-label="Documentation">${links.join("\n")}</nav>
<main>
${guide.html}</main>
</body>
</html>
`;
}

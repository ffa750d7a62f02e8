import GithubSlugger from "github-slugger";
import MarkdownIt, { type Token } from "markdown-it";

/** A guide rendered for its page: the text of its first heading, and its body as HTML. */
export interface RenderedGuide {
  title: string;
  html: string;
}

/** How the links and anchors of a guide are made. */
export interface RenderOptions {
  /** The path of the page that serves a guide file of `docs/`, or undefined when none does. */
  pathOfFile: (file: string) => string | undefined;
  /** Sections, by heading, whose table rows are anchored by the code in their first cell: the id's prefix. */
  codeTables?: Readonly<Record<string, string>>;
}

// Raw HTML in a guide is shown as text, never passed through: a page has no markup its Markdown did not make.
const markdown = new MarkdownIt({ html: false });

/** A link to another guide's file (`errors.md`, `api.md#members-kept-for-v4-clients`). */
const GUIDE_LINK = /^([\w-]+\.md)(#.*)?$/;

/** The text of an inline token as a reader sees it: what GitHub derives a heading's id from. */
const plainText = (inline: Token | undefined) =>
  (inline?.children ?? []).map((child) => (child.type === "softbreak" ? " " : child.content)).join("");

/** The code in a table row's first cell (`tr_open`, `td_open`, then the cell), if it holds only that. */
function codeOfRow(tokens: Token[], index: number): string | undefined {
  const children = tokens[index + 2]?.children ?? [];
  return children.length === 1 && children[0]?.type === "code_inline" ? children[0].content : undefined;
}

/** Points the links of `inline` to a served guide's file at the guide's page, keeping their fragment. */
function linkToPages(inline: Token, options: RenderOptions): void {
  for (const child of inline.children ?? []) {
    const match = child.type === "link_open" ? GUIDE_LINK.exec(String(child.attrGet("href") ?? "")) : null;
    const path = match?.[1] === undefined ? undefined : options.pathOfFile(match[1]);
    if (path !== undefined) child.attrSet("href", `${path}${match?.[2] ?? ""}`);
  }
}

/**
 * Renders a guide's Markdown for the service to serve. Headings get the ids GitHub gives them, so that the
 * links between the files (`api.md#members-kept-for-v4-clients`) work the same on the pages; rows of code
 * tables get the code as their id. Throws when a section named in `codeTables` anchors no row, so that a
 * renamed heading fails at start rather than leaving links that lead nowhere.
 */
export function renderGuide(source: string, options: RenderOptions): RenderedGuide {
  const tokens = markdown.parse(source, {});
  const slugger = new GithubSlugger();
  const anchoredSections = new Set<string>();
  let title = "";
  let section = "";
  tokens.forEach((token, index) => {
    if (token.type === "heading_open") {
      const text = plainText(tokens[index + 1]);
      token.attrSet("id", slugger.slug(text));
      if (token.tag === "h1" && title === "") title = text;
      if (token.tag === "h2") section = text;
    } else if (token.type === "tr_open" && options.codeTables && Object.hasOwn(options.codeTables, section)) {
      const code = codeOfRow(tokens, index);
      if (code === undefined) return;
      token.attrSet("id", `${options.codeTables[section]}${code}`);
      anchoredSections.add(section);
    } else if (token.type === "inline") {
      linkToPages(token, options);
    }
  });
  const unanchored = Object.keys(options.codeTables ?? {}).filter((name) => !anchoredSections.has(name));
  if (unanchored.length > 0)
    throw new Error(`no table of codes under the heading(s): ${unanchored.join(", ")}`);
  return { title, html: markdown.renderer.render(tokens, markdown.options, {}) };
}

/** `text` with the characters that mean something in HTML escaped, for text and attribute values. */
export const escapeHtml = (text: string) => markdown.utils.escapeHtml(text);

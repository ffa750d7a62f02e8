import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type RenderOptions, renderGuide } from "../../../src/http/guides/render-guide.js";

const options: RenderOptions = {
  pathOfFile: (file) => (file === "errors.md" ? "/docs/guides/errors" : undefined),
  codeTables: { "Problem codes": "" },
};

const guide = `# Errors

Raw <script>alert(1)</script> and <b onclick="x()">markup</b> stay text.

See [errors](errors.md#problem-codes), [the tests](testing.md) and [the RFC](https://www.rfc-editor.org/rfc/rfc9457).

## Wrong methods and \`OPTIONS\`

## Problem codes

| code | status |
| --- | --- |
| \`not_found\` | 404 |
| not a code | 500 |
`;

describe("renderGuide", () => {
  const { title, html } = renderGuide(guide, options);

  it("takes the first heading as the title and gives headings GitHub's ids", () => {
    assert.equal(title, "Errors");
    assert.match(html, /<h1 id="errors">Errors<\/h1>/);
    assert.match(html, /<h2 id="wrong-methods-and-options">Wrong methods and <code>OPTIONS<\/code><\/h2>/);
  });

  it("shows raw HTML as text, never as markup", () => {
    assert.doesNotMatch(html, /<script|<b /);
    assert.match(html, /Raw &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it("points links to served guides at their pages, and leaves the others as they are", () => {
    assert.match(html, /<a href="\/docs\/guides\/errors#problem-codes">errors<\/a>/);
    assert.match(html, /<a href="testing.md">the tests<\/a>/);
    assert.match(html, /<a href="https:\/\/www.rfc-editor.org\/rfc\/rfc9457">the RFC<\/a>/);
  });

  it("anchors the rows of a code table by their code, and only those", () => {
    assert.match(html, /<tr id="not_found">\s*<td><code>not_found<\/code><\/td>/);
    assert.match(html, /<tr>\s*<td>not a code<\/td>/);
  });

  it("fails when a section named as a code table has none, so that a renamed heading is noticed", () => {
    assert.throws(
      () => renderGuide("# Errors\n\n## Codes\n", { ...options, codeTables: { "Problem codes": "" } }),
      /no table of codes under the heading\(s\): Problem codes/,
    );
  });
});

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { guidePath, guides } from "../../src/http/guides/guides.js";
import type { OpenApiDocument } from "../helpers/openapi.js";
import {
  createSeededDatabase,
  killAllServers,
  type ServerProcess,
  startServer,
} from "../helpers/server-process.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("the guides of the built service", () => {
  let database: Awaited<ReturnType<typeof createSeededDatabase>>;
  let server: ServerProcess;
  before(async () => {
    database = await createSeededDatabase();
    server = await startServer(database.dbPath);
  });
  after(async () => {
    await killAllServers();
    database.remove();
  });

  it("are served by `serve` from dist/: the root leads to /docs, which leads to every guide", async () => {
    const root = await fetch(`${server.url}/`, { redirect: "manual" });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get("location"), "/docs");
    const reference = await fetch(new URL("/docs", server.url));
    assert.equal(reference.status, 200, server.stderr());
    const openApi = (await (await fetch(new URL("/openapi.json", server.url))).json()) as OpenApiDocument;
    const overview = openApi.info.description ?? "";
    for (const { slug } of guides) {
      assert.ok(overview.includes(`](${guidePath(slug)})`), `/docs links to ${slug}`);
      const page = await fetch(new URL(guidePath(slug), server.url));
      assert.equal(page.status, 200, `${guidePath(slug)}: ${server.stderr()}`);
      assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
      assert.match(await page.text(), /<h1 id="[^"]+">/);
    }
  });

  it("lead a browser from a problem's type to the code's entry", async () => {
    const problem = (await (await fetch(new URL("/nope", server.url))).json()) as { type: string };
    const redirect = await fetch(new URL(problem.type, server.url), {
      headers: { accept: "text/html" },
      redirect: "manual",
    });
    assert.equal(redirect.status, 303);
    const location = new URL(String(redirect.headers.get("location")), server.url);
    assert.equal(location.hash, "#not_found");
    const page = await fetch(location);
    assert.equal(page.status, 200);
    assert.ok((await page.text()).includes('<tr id="not_found">'));
  });

  it("ship in the npm package, beside dist/", async () => {
    const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: ROOT,
    });
    const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const files = new Set(pack.files.map(({ path }) => path));
    for (const { file } of guides) assert.ok(files.has(`docs/${file}`), `the package has docs/${file}`);
    assert.ok(files.has("dist/http/guides/guide-pages.js"), "the package has the module that reads them");
  });
});

import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { launchChromium, withChromium } from "../../helpers/chromium.js";
import { createTestApp } from "../../helpers/test-app.js";

// Each browser step waits at most this long, so that a page that never renders fails the test in bounded time.
const STEP_TIMEOUT_MS = 20_000;

await withChromium(() => {
  describe("the guides in Chromium", () => {
    it("lead from the service's URL to the errors guide, and from a problem's type to its entry", {
      timeout: 120_000,
    }, async () => {
      const t = await createTestApp();
      await t.app.listen({ host: "127.0.0.1", port: 0 });
      const origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const browser = await launchChromium();
      try {
        // Events of the whole context: the reference page opens its links in a new tab.
        const context = await browser.newContext();
        const page = await context.newPage();
        page.setDefaultTimeout(STEP_TIMEOUT_MS);
        const requested: string[] = [];
        const problems: string[] = [];
        context.on("request", (request) => requested.push(request.url()));
        context.on("weberror", (error) => problems.push(error.error().message));
        // A stylesheet or anything else the Content-Security-Policy refused shows as a console error.
        context.on("console", (message) => {
          if (message.type() === "error") problems.push(message.text());
        });

        await page.goto(`${origin}/`);
        assert.equal(new URL(page.url()).pathname, "/docs", "the root leads to the API reference");
        const [guide] = await Promise.all([
          context.waitForEvent("page"),
          page.getByRole("link", { name: "errors", exact: true }).first().click(),
        ]);
        await guide.waitForLoadState();
        assert.equal(guide.url(), `${origin}/docs/guides/errors`);
        assert.equal(await guide.title(), "Errors · order-intake");

        await page.goto(`${origin}/problems/validation_failed`);
        assert.equal(page.url(), `${origin}/docs/guides/errors#validation_failed`);
        // A string, evaluated in the page: these tests are compiled without the DOM's types.
        const target = (await page.evaluate(`(() => {
          const row = document.querySelector(":target");
          return { id: row?.id, tag: row?.tagName, background: row && getComputedStyle(row).backgroundColor };
        })()`)) as { id?: string; tag?: string; background?: string };
        assert.equal(target.id, "validation_failed");
        assert.equal(target.tag, "TR");
        assert.notEqual(target.background, "rgba(0, 0, 0, 0)", "the stylesheet loaded and marks the entry");

        assert.deepEqual(problems, [], "the pages loaded without errors");
        const elsewhere = requested.filter((url) => !url.startsWith(`${origin}/`));
        assert.deepEqual(elsewhere, [], "every request of the pages went to the service itself");
      } finally {
        await browser.close();
        await t.close();
      }
    });
  });
});

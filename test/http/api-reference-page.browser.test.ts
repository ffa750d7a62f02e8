import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import type { Locator } from "playwright-core";
import { DEMO_TRKREF } from "../../src/domain/order-example.js";
import { launchChromium, withChromium } from "../helpers/chromium.js";
import { createOrgAndKey, createTestApp } from "../helpers/test-app.js";

// Each browser step waits at most this long, so that a page that never renders fails the test in bounded time.
const STEP_TIMEOUT_MS = 20_000;

/** The text a locator's element shows. */
const textOf = async (locator: Locator) => (await locator.textContent()) ?? "";

await withChromium(() => {
  describe("the API reference page in Chromium", () => {
    it("shows the customer-order endpoint, takes a key and secret, and sends the example order: 202", {
      timeout: 120_000,
    }, async () => {
      // The service's own default rate limit, as a merchant's developer meets it.
      const t = await createTestApp({ RATE_LIMIT_PER_SECOND: "100" });
      const demo = await createOrgAndKey(t.store, DEMO_TRKREF);
      await t.app.listen({ host: "127.0.0.1", port: 0 });
      const origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        page.setDefaultTimeout(STEP_TIMEOUT_MS);
        const requested: string[] = [];
        const problems: string[] = [];
        page.on("request", (request) => requested.push(request.url()));
        page.on("pageerror", (error) => problems.push(error.message));
        // A refused asset or request (the page's Content-Security-Policy) shows as a console error.
        page.on("console", (message) => {
          if (message.type() === "error") problems.push(message.text());
        });

        await page.goto(`${origin}/docs`);
        const submit = page.locator("#operations-customer_orders-submitCustomerOrder");
        await submit.waitFor();
        assert.match(await textOf(submit), /\/v4\/organisations\/\{trkref\}\/customer_order/);
        assert.match(await textOf(submit), /Submit one customer order/);

        await page.getByRole("button", { name: "Authorize" }).first().click();
        const dialog = page.locator(".modal-ux");
        assert.match(await textOf(dialog), /basicAuth\s+\(http, Basic\)/);
        await dialog.locator('input[name="username"]').fill(demo.keyId);
        await dialog.locator('input[name="password"]').fill(demo.secret);
        await page.getByRole("button", { name: "Apply credentials" }).click();
        await page.getByRole("button", { name: "Close" }).click();

        await submit.locator(".opblock-summary").first().click();
        await submit.getByRole("button", { name: "Try it out" }).click();
        await submit.getByRole("button", { name: "Execute" }).click();

        const answer = submit.locator(".live-responses-table tbody tr").first();
        await answer.waitFor();
        assert.equal((await textOf(answer.locator(".response-col_status"))).trim(), "202");
        assert.match(await textOf(answer), /"message": "Customer order accepted"/);
        assert.match(await textOf(answer), /location: \/v4\/customer_orders\//);
        assert.equal(await t.store.countPendingSubmissions(), 1, "the order sent from the page is stored");

        assert.deepEqual(problems, [], "the page ran without errors");
        const elsewhere = requested.filter((url) => !url.startsWith(`${origin}/`));
        assert.deepEqual(elsewhere, [], "every request of the page went to the service itself");
        assert.ok(requested.includes(`${origin}/v4/organisations/${DEMO_TRKREF}/customer_order`));
      } finally {
        await browser.close();
        await t.close();
      }
    });
  });
});

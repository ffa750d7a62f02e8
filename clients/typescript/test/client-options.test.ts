import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OrderIntakeClient } from "../src/index.js";

const credentials = { keyId: "oik_example", secret: "ois_example" };

describe("the client's options", () => {
  it("takes an http or https base URL, with or without a trailing slash", () => {
    for (const baseUrl of [
      "http://localhost:3000",
      "https://orders.example.com/",
      "http://127.0.0.1:3000/",
    ]) {
      assert.ok(new OrderIntakeClient({ baseUrl, ...credentials }), baseUrl);
    }
  });

  it("refuses a base URL fetch could never send to, before any request", () => {
    for (const baseUrl of ["localhost:3000", "orders.example.com", "ftp://orders.example.com", "/v4"]) {
      assert.throws(() => new OrderIntakeClient({ baseUrl, ...credentials }), TypeError, baseUrl);
    }
  });

  it("refuses credentials in the base URL without repeating them", () => {
    assert.throws(
      () => new OrderIntakeClient({ baseUrl: "https://oik_a:ois_b@orders.example.com", ...credentials }),
      (error: Error) => error instanceof TypeError && !error.message.includes("ois_b"),
    );
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeDatabaseUrl, isPostgresUrl, sqliteFilePath } from "../../src/storage/database-url.js";

describe("DATABASE_URL", () => {
  it("names the SQLite file of a path, a file: URL or a sqlite: path", () => {
    for (const [url, path] of [
      ["./data/orders.db", "./data/orders.db"],
      ["/var/lib/orders.db", "/var/lib/orders.db"],
      ["file:./orders.db", "./orders.db"],
      ["file:orders.db", "orders.db"],
      ["file:/var/lib/orders.db", "/var/lib/orders.db"],
      ["file:///var/lib/my%20orders.db", "/var/lib/my orders.db"],
      ["file://localhost/var/lib/orders.db", "/var/lib/orders.db"],
      ["sqlite:./orders.db", "./orders.db"],
      ["sqlite://orders.db", "orders.db"],
      ["sqlite:///var/lib/orders.db", "/var/lib/orders.db"],
    ] as const) {
      assert.equal(sqliteFilePath(url), path, url);
      assert.equal(isPostgresUrl(url), false, url);
    }
  });

  it("tells PostgreSQL URLs by their scheme, in any case", () => {
    for (const url of ["postgres://db/orders", "postgresql://u@db/orders", "POSTGRES://db/orders"]) {
      assert.equal(isPostgresUrl(url), true, url);
    }
  });

  it("describes where the data is without a password", () => {
    assert.equal(
      describeDatabaseUrl("postgres://intake:s3cret@db.internal:5432/orders?schema=intake"),
      "postgres://intake:***@db.internal:5432/orders?schema=intake",
    );
    assert.equal(describeDatabaseUrl("postgres://db.internal/orders"), "postgres://db.internal/orders");
    assert.equal(describeDatabaseUrl("./data/order-intake.db"), "./data/order-intake.db");
  });
});

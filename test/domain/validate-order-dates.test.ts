import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertOnlyError, documentWith, errorsOf, normalised } from "./order-fixtures.js";

describe("validateOrder: order_date and fulfilment_date", () => {
  it("turns dd-mm-yyyy into ISO yyyy-mm-dd", () => {
    const order = normalised(documentWith({ "/order_date": "05-01-2021", "/fulfilment_date": "25-12-2021" }));
    assert.equal(order.order_date, "2021-01-05");
    assert.equal(order.fulfilment_date, "2021-12-25");
  });

  for (const [date, why] of [
    ["31-02-2021", "a day February does not have"],
    ["29-02-2023", "29 February of a common year"],
    ["29-02-1900", "29 February of a century that is not a leap year"],
    ["31-04-2021", "31 days in a 30-day month"],
    ["00-01-2021", "day zero"],
    ["01-00-2021", "month zero"],
    ["01-13-2021", "month 13"],
    ["01-01-0000", "year zero"],
    ["2021-09-25", "ISO order"],
    ["1-9-2021", "single digits"],
    ["01/09/2021", "slashes"],
    ["01-09-2021 ", "a trailing space"],
    ["", "an empty string"],
  ] as const) {
    it(`refuses ${why} (${JSON.stringify(date)})`, () => {
      assertOnlyError(
        documentWith({ "/order_date": date, "/fulfilment_date": undefined }),
        "/order_date",
        "invalid_date",
      );
    });
  }

  it("accepts 29 February of leap years, 2000 included", () => {
    assert.equal(
      normalised(documentWith({ "/order_date": "29-02-2024", "/fulfilment_date": undefined })).order_date,
      "2024-02-29",
    );
    assert.equal(
      normalised(documentWith({ "/order_date": "29-02-2000", "/fulfilment_date": undefined })).order_date,
      "2000-02-29",
    );
  });

  it("checks fulfilment_date by the same rule", () => {
    assertOnlyError(documentWith({ "/fulfilment_date": "31-09-2021" }), "/fulfilment_date", "invalid_date");
  });

  it("refuses a date sent as a number", () => {
    assertOnlyError(documentWith({ "/order_date": 20210925 }), "/order_date", "wrong_type");
  });

  it("requires at least one of the two dates, at the document's pointer", () => {
    assertOnlyError(
      documentWith({ "/order_date": undefined, "/fulfilment_date": undefined }),
      "",
      "date_required",
    );
  });

  it("counts dates sent as null as missing", () => {
    assertOnlyError(documentWith({ "/order_date": null, "/fulfilment_date": null }), "", "date_required");
  });

  it("accepts a fulfilment date alone", () => {
    const order = normalised(documentWith({ "/order_date": undefined }));
    assert.equal(order.fulfilment_date, "2021-09-27");
    assert.equal(Object.hasOwn(order, "order_date"), false);
  });

  it("reports only the field's own error when the one date sent is invalid", () => {
    assert.deepEqual(errorsOf(documentWith({ "/order_date": undefined, "/fulfilment_date": "2021-09-27" })), [
      ["/fulfilment_date", "invalid_date"],
    ]);
  });

  it("refuses a fulfilment date before the order date", () => {
    const input = documentWith({ "/order_date": "02-01-2022", "/fulfilment_date": "31-12-2021" });
    assertOnlyError(input, "/fulfilment_date", "fulfilment_before_order");
  });

  it("accepts fulfilment on the day of the order", () => {
    assert.ok(normalised(documentWith({ "/order_date": "27-09-2021", "/fulfilment_date": "27-09-2021" })));
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_ORDER_LIMITS } from "../../src/domain/order-limits.js";
import { validateOrder } from "../../src/domain/validate-order.js";
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
  ] as const) {
    it(`refuses ${why} (${JSON.stringify(date)})`, () => {
      assertOnlyError(
        documentWith({ "/order_date": date, "/fulfilment_date": undefined }),
        "/order_date",
        "invalid_date",
      );
    });
  }

  it("refuses an empty or blank date as blank, as the original did", () => {
    for (const date of ["", " "]) {
      assertOnlyError(
        documentWith({ "/order_date": date, "/fulfilment_date": undefined }),
        "/order_date",
        "blank",
      );
    }
  });

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

describe("validateOrder: implausible dates", () => {
  const today = new Date("2026-03-15T10:00:00Z");
  /** The warnings of a document that must be accepted, validated on `on`. */
  const warnings = (edits: Record<string, unknown>, on: Date | undefined = today) => {
    const result = validateOrder(documentWith(edits), DEFAULT_ORDER_LIMITS, on && { today: on });
    assert.ok(result.ok, JSON.stringify(result.ok ? [] : result.errors));
    return result.warnings;
  };
  const datePointers = (edits: Record<string, unknown>, on?: Date) =>
    warnings(edits, on).map((warning) => [warning.pointer, warning.code]);

  it("accepts a date before 1990 and stores it, with a warning saying why", () => {
    const edits = { "/order_date": "12-05-1985", "/fulfilment_date": undefined };
    assert.equal(normalised(documentWith(edits)).order_date, "1985-05-12");
    assert.deepEqual(warnings(edits), [
      {
        pointer: "/order_date",
        code: "implausible_date",
        message: "12-05-1985 is before 1990; check the date",
      },
    ]);
  });
  it("starts the plausible dates on 01-01-1990", () => {
    assert.deepEqual(datePointers({ "/order_date": "01-01-1990" }), []);
    assert.deepEqual(datePointers({ "/order_date": "31-12-1989" }), [["/order_date", "implausible_date"]]);
    assert.deepEqual(datePointers({ "/order_date": "01-01-0001", "/fulfilment_date": "28-02-1900" }), [
      ["/order_date", "implausible_date"],
      ["/fulfilment_date", "implausible_date"],
    ]);
  });
  it("warns about a date more than a year after today, and not about one a year after it", () => {
    assert.deepEqual(datePointers({ "/fulfilment_date": "15-03-2027" }), []);
    assert.deepEqual(warnings({ "/fulfilment_date": "16-03-2027" }), [
      {
        pointer: "/fulfilment_date",
        code: "implausible_date",
        message: "16-03-2027 is more than a year after today; check the date",
      },
    ]);
    assert.deepEqual(datePointers({ "/order_date": "31-12-9999", "/fulfilment_date": "31-12-9999" }), [
      ["/order_date", "implausible_date"],
      ["/fulfilment_date", "implausible_date"],
    ]);
  });
  it("judges by the clock it is given, in UTC", () => {
    const edits = { "/fulfilment_date": "16-03-2027" };
    assert.deepEqual(datePointers(edits, new Date("2026-03-16T00:00:00Z")), []);
    assert.deepEqual(datePointers(edits, new Date("2026-03-15T23:59:59-05:00")), []);
    assert.deepEqual(datePointers(edits, new Date("2026-03-15T23:59:59Z")), [
      ["/fulfilment_date", "implausible_date"],
    ]);
  });
  it("counts a year from 29 February as reaching past 28 February", () => {
    const leapDay = new Date("2024-02-29T12:00:00Z");
    assert.deepEqual(datePointers({ "/fulfilment_date": "28-02-2025" }, leapDay), []);
    assert.deepEqual(datePointers({ "/fulfilment_date": "01-03-2025" }, leapDay), [
      ["/fulfilment_date", "implausible_date"],
    ]);
  });
  it("uses the real clock when given none", () => {
    const inTwoYears = new Date();
    inTwoYears.setUTCFullYear(inTwoYears.getUTCFullYear() + 2);
    const [yyyy, mm, dd] = inTwoYears.toISOString().slice(0, 10).split("-");
    assert.deepEqual(datePointers({ "/fulfilment_date": `${dd}-${mm}-${yyyy}` }, undefined), [
      ["/fulfilment_date", "implausible_date"],
    ]);
    assert.deepEqual(datePointers({}, undefined), []);
  });
  it("still warns about old dates, and throws nothing, when the clock gives an invalid date", () => {
    const broken = new Date(Number.NaN);
    assert.deepEqual(
      datePointers({ "/order_date": "12-05-1985", "/fulfilment_date": "31-12-9999" }, broken),
      [["/order_date", "implausible_date"]],
    );
  });
  it("lists date warnings after the document's unknown fields and before the customer's", () => {
    const edits = { "/order_date": "12-05-1985", "/channel": "web", "/customer/emial": "x" };
    assert.deepEqual(
      warnings(edits).map((warning) => [warning.pointer, warning.code]),
      [
        ["/channel", "unknown_field"],
        ["/order_date", "implausible_date"],
        ["/customer/emial", "unknown_field"],
      ],
    );
  });
  it("lists them next to the errors of a refused document, and never for an invalid date", () => {
    const input = documentWith({ "/order_date": "12-05-1985", "/fulfilment_date": "31-02-2021" });
    const result = validateOrder(input, DEFAULT_ORDER_LIMITS, { today });
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : result.errors.map((error) => [error.pointer, error.code]), [
      ["/fulfilment_date", "invalid_date"],
    ]);
    assert.deepEqual(
      result.warnings.map((warning) => [warning.pointer, warning.code]),
      [["/order_date", "implausible_date"]],
    );
  });
});

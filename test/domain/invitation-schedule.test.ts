import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DateTime } from "luxon";
import { BUILT_IN_INVITATION_POLICY, type InvitationPolicy } from "../../src/domain/invitation-policy.js";
import {
  addDays,
  daysBefore,
  delayDaysFor,
  dueAtFor,
  intoSendWindow,
  isTooOld,
  triggerDateOf,
} from "../../src/domain/invitation-schedule.js";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";

const order = (changes: Partial<NormalisedOrder> = {}): NormalisedOrder => ({
  trkref: "ACME",
  order_ref: "O-1",
  order_date: "2026-05-01",
  customer: { email: "jane@example.com", country: "GB" },
  order_items: [{ sku: "A", price: "10.00" }],
  ...changes,
});

const policy = (changes: Partial<InvitationPolicy> = {}): InvitationPolicy => ({
  ...BUILT_IN_INVITATION_POLICY,
  ...changes,
});

const LONDON = policy({ timezone: "Europe/London" });
const NEW_YORK = policy({ timezone: "America/New_York" });
// Long before any trigger date of these tests, so that the due time is the trigger date plus the delay.
const LONG_AGO = new Date("2026-01-01T00:00:00.000Z");

/** The UTC text of `intoSendWindow` for a UTC instant, under `used`. */
const windowed = (utc: string, used: InvitationPolicy): string =>
  intoSendWindow(DateTime.fromISO(utc, { zone: used.timezone }), used)
    .toUTC()
    .toISO() ?? "";

describe("triggerDateOf", () => {
  it("takes the fulfilment date first, the order date otherwise", () => {
    assert.equal(triggerDateOf(order({ fulfilment_date: "2026-05-03" }), policy()), "2026-05-03");
    assert.equal(triggerDateOf(order(), policy()), "2026-05-01");
  });

  it("waits for the fulfilment date under the fulfilment trigger", () => {
    const fulfilmentOnly = policy({ trigger: "fulfilment" });
    assert.equal(triggerDateOf(order(), fulfilmentOnly), undefined);
    assert.equal(triggerDateOf(order({ fulfilment_date: "2026-05-03" }), fulfilmentOnly), "2026-05-03");
  });

  it("is undefined for an order with neither date", () => {
    assert.equal(triggerDateOf(order({ order_date: undefined }), policy()), undefined);
  });
});

describe("delayDaysFor", () => {
  const perCountry = policy({ delay_days: 7, country_delay_days: { GB: 3, US: 0 } });

  it("takes the customer's country's delay, zero included", () => {
    assert.equal(delayDaysFor(order(), perCountry), 3);
    assert.equal(delayDaysFor(order({ customer: { email: "a@example.com", country: "US" } }), perCountry), 0);
  });

  it("takes the policy's delay for another country or none", () => {
    assert.equal(delayDaysFor(order({ customer: { email: "a@example.com", country: "FR" } }), perCountry), 7);
    assert.equal(delayDaysFor(order({ customer: { email: "a@example.com" } }), perCountry), 7);
  });
});

describe("intoSendWindow", () => {
  const utcWindow = policy({ send_window: "09:00-18:00" });

  it("moves a time before the opening to that day's opening", () => {
    assert.equal(windowed("2026-05-08T06:15:00.000Z", utcWindow), "2026-05-08T09:00:00.000Z");
  });

  it("leaves a time inside the window where it is, the opening itself included", () => {
    assert.equal(windowed("2026-05-08T09:00:00.000Z", utcWindow), "2026-05-08T09:00:00.000Z");
    assert.equal(windowed("2026-05-08T13:27:45.123Z", utcWindow), "2026-05-08T13:27:45.123Z");
    assert.equal(windowed("2026-05-08T17:59:59.999Z", utcWindow), "2026-05-08T17:59:59.999Z");
  });

  it("moves a time at or after the closing to the next day's opening", () => {
    assert.equal(windowed("2026-05-08T18:00:00.000Z", utcWindow), "2026-05-09T09:00:00.000Z");
    assert.equal(windowed("2026-05-08T23:30:00.000Z", utcWindow), "2026-05-09T09:00:00.000Z");
    assert.equal(windowed("2026-05-31T20:00:00.000Z", utcWindow), "2026-06-01T09:00:00.000Z");
  });

  it("keeps the last minutes of the day inside a window that ends at 24:00", () => {
    const lateWindow = policy({ send_window: "20:00-24:00" });
    assert.equal(windowed("2026-05-08T23:59:00.000Z", lateWindow), "2026-05-08T23:59:00.000Z");
    assert.equal(windowed("2026-05-08T10:00:00.000Z", lateWindow), "2026-05-08T20:00:00.000Z");
  });

  it("reads the window in the organisation's zone", () => {
    // 07:30Z is 08:30 in London in summer: before the opening.
    assert.equal(windowed("2026-06-10T07:30:00.000Z", LONDON), "2026-06-10T08:00:00.000Z");
    // 17:30Z is 18:30 in London in summer: after the closing.
    assert.equal(windowed("2026-06-10T17:30:00.000Z", LONDON), "2026-06-11T08:00:00.000Z");
    // 22:30Z is 18:30 in New York in summer: after the closing, the next opening at 13:00Z.
    assert.equal(windowed("2026-06-10T22:30:00.000Z", NEW_YORK), "2026-06-11T13:00:00.000Z");
  });
});

describe("dueAtFor", () => {
  it("is the trigger date plus the delay, at the window's opening", () => {
    assert.equal(dueAtFor("2026-05-01", 7, policy(), LONG_AGO), "2026-05-08T09:00:00.000Z");
    assert.equal(dueAtFor("2026-05-01", 0, policy(), LONG_AGO), "2026-05-01T09:00:00.000Z");
    assert.equal(dueAtFor("2026-12-30", 3, policy(), LONG_AGO), "2027-01-02T09:00:00.000Z");
  });

  it("holds a due time past the end of the calendar at its last day, never in year 10000", () => {
    assert.equal(addDays("9999-12-28", 7), "9999-12-30");
    assert.equal(dueAtFor("9999-12-31", 7, policy(), LONG_AGO), "9999-12-30T09:00:00.000Z");
    assert.equal(addDays("2024-02-28", 1), "2024-02-29");
    assert.equal(addDays("2026-03-01", -1), "2026-02-28");
  });

  it("gives now when the trigger date plus the delay has passed and now is inside the window", () => {
    const now = new Date("2026-05-20T11:12:13.456Z");
    assert.equal(dueAtFor("2026-05-01", 7, policy(), now), "2026-05-20T11:12:13.456Z");
  });

  it("moves a passed due time given as now into the window", () => {
    assert.equal(
      dueAtFor("2026-05-01", 7, policy(), new Date("2026-05-20T19:00:00.000Z")),
      "2026-05-21T09:00:00.000Z",
    );
    assert.equal(
      dueAtFor("2026-05-01", 7, policy(), new Date("2026-05-20T04:00:00.000Z")),
      "2026-05-20T09:00:00.000Z",
    );
  });

  describe("in Europe/London across the changes of 2026-03-29 and 2026-10-25", () => {
    it("opens at 09:00 GMT (09:00Z) in winter and 09:00 BST (08:00Z) in summer", () => {
      assert.equal(dueAtFor("2026-03-21", 7, LONDON, LONG_AGO), "2026-03-28T09:00:00.000Z");
      assert.equal(dueAtFor("2026-03-22", 7, LONDON, LONG_AGO), "2026-03-29T08:00:00.000Z");
      assert.equal(dueAtFor("2026-10-17", 7, LONDON, LONG_AGO), "2026-10-24T08:00:00.000Z");
      assert.equal(dueAtFor("2026-10-18", 7, LONDON, LONG_AGO), "2026-10-25T09:00:00.000Z");
    });

    it("moves a due time computed on the Saturday evening to the Sunday's opening after the change", () => {
      // Saturday 20:00 GMT, after the closing: Sunday 09:00 BST.
      assert.equal(
        dueAtFor("2026-03-01", 7, LONDON, new Date("2026-03-28T20:00:00.000Z")),
        "2026-03-29T08:00:00.000Z",
      );
      // Saturday 20:00 BST, after the closing: Sunday 09:00 GMT.
      assert.equal(
        dueAtFor("2026-10-01", 7, LONDON, new Date("2026-10-24T19:00:00.000Z")),
        "2026-10-25T09:00:00.000Z",
      );
    });

    it("counts the delay in local days, not in 24-hour spans", () => {
      // Seven days from Friday 27 March local midnight (00:00Z) end at local midnight, 23:00Z of 2 April.
      const window = policy({ timezone: "Europe/London", send_window: "00:00-24:00" });
      assert.equal(dueAtFor("2026-03-27", 7, window, LONG_AGO), "2026-04-02T23:00:00.000Z");
    });
  });

  describe("in America/New_York across the changes of 2026-03-08 and 2026-11-01", () => {
    it("opens at 09:00 EST (14:00Z) in winter and 09:00 EDT (13:00Z) in summer", () => {
      assert.equal(dueAtFor("2026-02-28", 7, NEW_YORK, LONG_AGO), "2026-03-07T14:00:00.000Z");
      assert.equal(dueAtFor("2026-03-01", 7, NEW_YORK, LONG_AGO), "2026-03-08T13:00:00.000Z");
      assert.equal(dueAtFor("2026-10-24", 7, NEW_YORK, LONG_AGO), "2026-10-31T13:00:00.000Z");
      assert.equal(dueAtFor("2026-10-25", 7, NEW_YORK, LONG_AGO), "2026-11-01T14:00:00.000Z");
    });

    it("moves a due time computed on the Saturday evening to the Sunday's opening after the change", () => {
      // Saturday 20:00 EST is 01:00Z on Sunday: Sunday 09:00 EDT.
      assert.equal(
        dueAtFor("2026-02-01", 7, NEW_YORK, new Date("2026-03-08T01:00:00.000Z")),
        "2026-03-08T13:00:00.000Z",
      );
      // Saturday 20:30 EDT is 00:30Z on Sunday: Sunday 09:00 EST.
      assert.equal(
        dueAtFor("2026-10-01", 7, NEW_YORK, new Date("2026-11-01T00:30:00.000Z")),
        "2026-11-01T14:00:00.000Z",
      );
    });

    it("opens just after the gap when the opening is a local time the change skips", () => {
      // 02:30 does not exist on 2026-03-08 in New York: the clocks go from 02:00 EST to 03:00 EDT.
      const early = policy({ timezone: "America/New_York", send_window: "02:30-18:00" });
      assert.equal(dueAtFor("2026-03-08", 0, early, LONG_AGO), "2026-03-08T07:30:00.000Z");
    });
  });
});

describe("isTooOld", () => {
  const tenDays = policy({ max_order_age_days: 10 });

  it("is not too old at exactly the maximum age, and too old a day later", () => {
    assert.equal(isTooOld("2026-01-01", tenDays, new Date("2026-01-11T00:00:00.000Z")), false);
    assert.equal(isTooOld("2026-01-01", tenDays, new Date("2026-01-11T23:59:59.999Z")), false);
    assert.equal(isTooOld("2026-01-01", tenDays, new Date("2026-01-12T00:00:00.000Z")), true);
  });

  it("counts whole days in the organisation's zone", () => {
    const london = policy({ timezone: "Europe/London", max_order_age_days: 10 });
    // 23:30Z on 11 June is already 12 June in London (BST).
    assert.equal(isTooOld("2026-06-01", london, new Date("2026-06-11T22:59:59.999Z")), false);
    assert.equal(isTooOld("2026-06-01", london, new Date("2026-06-11T23:30:00.000Z")), true);
    // Across the spring change, the day of 23 hours still counts as one.
    assert.equal(isTooOld("2026-03-20", london, new Date("2026-03-30T22:59:59.999Z")), false);
    assert.equal(isTooOld("2026-03-20", london, new Date("2026-03-30T23:00:00.000Z")), true);
  });

  it("is not too old for a trigger date in the future", () => {
    assert.equal(isTooOld("2026-02-01", tenDays, new Date("2026-01-01T00:00:00.000Z")), false);
  });
});

describe("daysBefore", () => {
  it("gives the instant that many days before, as UTC text", () => {
    assert.equal(daysBefore(new Date("2026-03-01T12:00:00.000Z"), 30), "2026-01-30T12:00:00.000Z");
    assert.equal(daysBefore(new Date("2026-03-01T12:00:00.000Z"), 0), "2026-03-01T12:00:00.000Z");
  });
});

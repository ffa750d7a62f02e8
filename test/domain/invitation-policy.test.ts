import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BUILT_IN_INVITATION_POLICY,
  decodeStoredOverrides,
  effectivePolicy,
  type InvitationPolicy,
  MAX_COUNTRY_DELAYS,
  parseSendWindow,
  policyOverrideErrors,
} from "../../src/domain/invitation-policy.js";

const WHOLE_POLICY: InvitationPolicy = {
  enabled: false,
  trigger: "fulfilment",
  delay_days: 0,
  country_delay_days: { GB: 5, US: 365 },
  send_window: "00:00-24:00",
  timezone: "Europe/London",
  max_order_age_days: 1,
  frequency_cap_days: 0,
};

const WINDOW_ERROR = "send_window: must be HH:MM-HH:MM, its end after its start (24:00 at most)";
const ZONE_ERROR = "timezone: must be an IANA time zone name, as Europe/London";

describe("policyOverrideErrors", () => {
  it("accepts every member set at once, at its lower bounds", () => {
    assert.deepEqual(policyOverrideErrors(WHOLE_POLICY), []);
  });

  it("accepts the upper bounds and an empty set of overrides", () => {
    assert.deepEqual(
      policyOverrideErrors({ delay_days: 365, max_order_age_days: 3650, frequency_cap_days: 365 }),
      [],
    );
    assert.deepEqual(policyOverrideErrors({}), []);
  });

  it("refuses anything but an object", () => {
    for (const input of [null, undefined, [], "enabled", 7]) {
      assert.deepEqual(policyOverrideErrors(input), ["must be an object"], JSON.stringify(input));
    }
  });

  it("names each member that is wrong, one message each", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ enabled: "yes" }, "enabled: must be true or false"],
      [{ enabled: 1 }, "enabled: must be true or false"],
      [{ trigger: "order" }, "trigger: must be one of fulfilment_or_order, fulfilment"],
      [{ delay_days: -1 }, "delay_days: must be a whole number from 0 to 365"],
      [{ delay_days: 366 }, "delay_days: must be a whole number from 0 to 365"],
      [{ delay_days: 1.5 }, "delay_days: must be a whole number from 0 to 365"],
      [{ delay_days: "7" }, "delay_days: must be a whole number from 0 to 365"],
      [{ max_order_age_days: 0 }, "max_order_age_days: must be a whole number from 1 to 3650"],
      [{ max_order_age_days: 3651 }, "max_order_age_days: must be a whole number from 1 to 3650"],
      [{ frequency_cap_days: -1 }, "frequency_cap_days: must be a whole number from 0 to 365"],
      [{ frequency_cap_days: 366 }, "frequency_cap_days: must be a whole number from 0 to 365"],
      [{ frequency_cap_days: null }, "frequency_cap_days: must be a whole number from 0 to 365"],
      [{ reminder_days: 3 }, "reminder_days: not a member of the invitation policy"],
    ];
    for (const [input, message] of cases) {
      assert.deepEqual(policyOverrideErrors(input), [message], JSON.stringify(input));
    }
  });

  it("reports every wrong member of one request", () => {
    assert.deepEqual(policyOverrideErrors({ enabled: "no", delay_days: 400, timezone: "Nowhere" }), [
      "enabled: must be true or false",
      "delay_days: must be a whole number from 0 to 365",
      ZONE_ERROR,
    ]);
  });

  it("refuses country codes that are not upper-case assigned ISO 3166-1 alpha-2 codes", () => {
    for (const code of ["gb", "UK", "XX", "GBR", "G", "", " GB"]) {
      assert.deepEqual(
        policyOverrideErrors({ country_delay_days: { [code]: 5 } }),
        [`country_delay_days: ${JSON.stringify(code)} is not an ISO 3166-1 alpha-2 code`],
        code,
      );
    }
  });

  it("refuses per-country delays out of bounds, one message per country", () => {
    assert.deepEqual(
      policyOverrideErrors({ country_delay_days: { GB: -1, US: 366, FR: 2.5, DE: "5", IE: 3 } }),
      [
        "country_delay_days.GB: must be a whole number from 0 to 365",
        "country_delay_days.US: must be a whole number from 0 to 365",
        "country_delay_days.FR: must be a whole number from 0 to 365",
        "country_delay_days.DE: must be a whole number from 0 to 365",
      ],
    );
  });

  it("refuses per-country delays that are not an object, or too many of them", () => {
    for (const value of [[], "GB=5", null, 5]) {
      assert.deepEqual(
        policyOverrideErrors({ country_delay_days: value }),
        ["country_delay_days: must be an object of country codes to days"],
        JSON.stringify(value),
      );
    }
    const tooMany = Object.fromEntries(
      Array.from({ length: MAX_COUNTRY_DELAYS + 1 }, (_, i) => [`C${i}`, 1]),
    );
    assert.deepEqual(policyOverrideErrors({ country_delay_days: tooMany }), [
      `country_delay_days: at most ${MAX_COUNTRY_DELAYS} countries`,
    ]);
  });

  it("refuses send windows that close before they open, end after 24:00 or are not HH:MM-HH:MM", () => {
    for (const window of [
      "18:00-09:00",
      "09:00-09:00",
      "09:00-24:30",
      "24:00-24:00",
      "9:00-18:00",
      "09:60-18:00",
      "09:00-18:00 ",
      "09:00",
      "",
      540,
    ]) {
      assert.deepEqual(policyOverrideErrors({ send_window: window }), [WINDOW_ERROR], JSON.stringify(window));
    }
    assert.deepEqual(policyOverrideErrors({ send_window: "09:00-24:00" }), []);
  });

  it("refuses names that are not IANA time zones", () => {
    for (const zone of ["Europe/Londres", "Mars/Olympus_Mons", "", "local", 0]) {
      assert.deepEqual(policyOverrideErrors({ timezone: zone }), [ZONE_ERROR], JSON.stringify(zone));
    }
    for (const zone of ["UTC", "America/New_York", "Asia/Kolkata"]) {
      assert.deepEqual(policyOverrideErrors({ timezone: zone }), [], zone);
    }
  });
});

describe("parseSendWindow", () => {
  it("gives the opening and closing in minutes after local midnight", () => {
    assert.deepEqual(parseSendWindow("09:30-18:15"), { open: 570, close: 1095 });
    assert.deepEqual(parseSendWindow("00:00-24:00"), { open: 0, close: 1440 });
    assert.equal(parseSendWindow("18:00-09:00"), undefined);
    assert.equal(parseSendWindow("09:00-24:30"), undefined);
  });
});

describe("effectivePolicy", () => {
  it("is the defaults when the organisation sets nothing", () => {
    assert.deepEqual(effectivePolicy(BUILT_IN_INVITATION_POLICY, null), BUILT_IN_INVITATION_POLICY);
    assert.deepEqual(effectivePolicy(BUILT_IN_INVITATION_POLICY, undefined), BUILT_IN_INVITATION_POLICY);
    assert.deepEqual(effectivePolicy(BUILT_IN_INVITATION_POLICY, {}), BUILT_IN_INVITATION_POLICY);
  });

  it("takes each member the organisation sets over the default, and leaves the defaults unchanged", () => {
    const defaults = { ...BUILT_IN_INVITATION_POLICY, country_delay_days: { FR: 9 } };
    const policy = effectivePolicy(defaults, {
      delay_days: 3,
      timezone: "Europe/London",
      country_delay_days: { GB: 5 },
    });
    assert.deepEqual(policy, {
      ...defaults,
      delay_days: 3,
      timezone: "Europe/London",
      // The organisation's per-country delays replace the defaults' as a whole.
      country_delay_days: { GB: 5 },
    });
    assert.deepEqual(defaults.country_delay_days, { FR: 9 });
    assert.equal(defaults.delay_days, 7);
  });

  it("keeps the default of a member given as undefined", () => {
    const policy = effectivePolicy(BUILT_IN_INVITATION_POLICY, { delay_days: undefined, enabled: false });
    assert.deepEqual(policy, { ...BUILT_IN_INVITATION_POLICY, enabled: false });
  });
});

describe("decodeStoredOverrides", () => {
  it("reads JSON text and the value a driver parsed alike", () => {
    const stored = { delay_days: 3, country_delay_days: { GB: 5 }, enabled: false };
    assert.deepEqual(decodeStoredOverrides(JSON.stringify(stored)), stored);
    assert.deepEqual(decodeStoredOverrides(stored), stored);
    assert.deepEqual(decodeStoredOverrides(JSON.stringify(WHOLE_POLICY)), WHOLE_POLICY);
  });

  it("is null for nothing stored, text that is not JSON, or JSON that is not an object", () => {
    for (const stored of [null, undefined, "", "{not json", "null", "[1]", "7", '"text"', [], 7]) {
      assert.equal(decodeStoredOverrides(stored), null, JSON.stringify(stored));
    }
  });

  it("drops the members that are unknown or out of bounds, and keeps the others", () => {
    const stored = JSON.stringify({
      delay_days: 3,
      frequency_cap_days: 9999,
      send_window: "18:00-09:00",
      timezone: "Europe/Londres",
      trigger: "fulfilment",
      country_delay_days: { GB: 5, uk: 2 },
      reminder_days: 2,
    });
    assert.deepEqual(decodeStoredOverrides(stored), { delay_days: 3, trigger: "fulfilment" });
  });

  it("keeps no member of stored overrides that are all wrong", () => {
    assert.deepEqual(decodeStoredOverrides('{"enabled":"yes","__proto__":{"enabled":false}}'), {});
    assert.equal(
      effectivePolicy(BUILT_IN_INVITATION_POLICY, decodeStoredOverrides('{"enabled":"yes"}')).enabled,
      true,
    );
  });
});

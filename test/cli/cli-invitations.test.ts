import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { invitationWire } from "../../src/domain/invitation-events.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import { cliOn, killCliProcesses, readRows, runCliWith } from "../helpers/cli-process.js";
import { createOrgAndKey, createTestApp, type TestApp } from "../helpers/test-app.js";

type Wire = ReturnType<typeof invitationWire>;

// Orders are processed at this time: those fulfilled two days before are due a week after (09:00 UTC, the
// window's opening); one fulfilled a month before is due at once; one of January is too old to invite.
const NOW = "2026-11-30T12:00:00.000Z";
const DUE = "2026-12-05T09:00:00.000Z";

/** An order of `trkref` by its own customer (so that no cap or repeat rule links them), as a merchant sends it. */
const orderOf = (
  trkref: string,
  orderRef: string,
  dates: { order_date: string; fulfilment_date?: string },
) => {
  const { fulfilment_date: _, ...order } = exampleOrder(trkref);
  return {
    ...order,
    ...dates,
    order_ref: orderRef,
    customer: { ...order.customer, email: `${orderRef.toLowerCase()}@example.com` },
  };
};

describe("order-intake org set (invitation policy), invitation list and invitation cancel", {
  concurrency: true,
}, () => {
  let t: TestApp;
  const { cli, cliOk } = cliOn(() => t.config.databaseUrl);
  const audit = (action: string) =>
    readRows(t.config.databaseUrl, "audit_log").filter((row) => row.action === action);
  const listed = async (...args: string[]) =>
    JSON.parse(await cliOk("invitation", "list", ...args)) as Wire[];

  before(async () => {
    t = await createTestApp();
    const keys = new Map<string, string>();
    for (const trkref of ["LISTED", "CANCEL", "OTHER"]) {
      keys.set(trkref, (await createOrgAndKey(t.store, trkref)).authorization);
    }
    for (const trkref of ["POLICY", "REFUSED"]) {
      await t.store.createOrganisation({ trkref, name: `${trkref} Ltd`, enabled: true });
    }
    const recent = { order_date: "27-11-2026", fulfilment_date: "28-11-2026" };
    const orders = [
      ...["LISTED", "CANCEL"].flatMap((trkref) => [
        orderOf(trkref, `${trkref}-A`, recent),
        orderOf(trkref, `${trkref}-B`, recent),
        orderOf(trkref, `${trkref}-OLD`, { order_date: "02-01-2026" }),
      ]),
      // The only invitation due by NOW, which the cancel test makes due.
      orderOf("CANCEL", "CANCEL-LATE", { order_date: "31-10-2026", fulfilment_date: "01-11-2026" }),
    ];
    for (const trkref of ["LISTED", "CANCEL"]) {
      const answer = await t.app.inject({
        method: "POST",
        url: "/v4/customer_orders",
        headers: { authorization: keys.get(trkref) ?? "", "content-type": "application/json" },
        payload: JSON.stringify(orders.filter((order) => order.trkref === trkref)),
      });
      assert.equal(answer.statusCode, 202, answer.body);
    }
    const report = await t.store.processPendingSubmissions(100, {
      now: NOW,
      invitations: t.config.invitations,
    });
    assert.equal(report.taken, orders.length);
  });
  after(async () => {
    await killCliProcesses();
    await t.close();
  });

  it("sets an organisation's invitation policy member by member, shows it, and puts it back on the defaults", async () => {
    assert.equal(
      await cliOk("org", "set", "POLICY", "--invitation-delay-days", "10", "--country-delay", "gb=5,US=10"),
      "Organisation POLICY: its own invitation policy is delay_days 10, country_delay_days GB=5,US=10; " +
        "the rest is the installation's\n",
    );
    assert.equal(
      await cliOk(
        "org",
        "set",
        "POLICY",
        "--timezone",
        "Europe/London",
        "--invitations",
        "off",
        "--actor",
        "ivy",
      ),
      "Organisation POLICY: its own invitation policy is enabled false, delay_days 10, " +
        "country_delay_days GB=5,US=10, timezone Europe/London; the rest is the installation's\n",
    );
    const own = {
      delay_days: 10,
      country_delay_days: { GB: 5, US: 10 },
      timezone: "Europe/London",
      enabled: false,
    };
    // The installation's defaults are the settings the CLI runs with.
    const env = { DATABASE_URL: t.config.databaseUrl, INVITATION_SEND_WINDOW: "08:00-20:00" };
    const shown = await runCliWith(env, ["org", "show", "POLICY", "--json"]);
    assert.equal(shown.code, 0, shown.stderr);
    const json = JSON.parse(shown.stdout) as Record<string, unknown>;
    assert.deepEqual(json.invitation_policy_overrides, own);
    assert.deepEqual(json.invitation_policy, {
      ...t.config.invitations.defaults,
      send_window: "08:00-20:00",
      ...own,
    });
    assert.equal(json.trkref, "POLICY");
    assert.equal(json.rate_limit, null);

    const text = (await runCliWith(env, ["org", "show", "POLICY"])).stdout;
    assert.match(text, /^invitation_policy\.delay_days +10 \(own\)$/m);
    assert.match(text, /^invitation_policy\.country_delay_days +GB=5,US=10 \(own\)$/m);
    assert.match(text, /^invitation_policy\.enabled +false \(own\)$/m);
    assert.match(text, /^invitation_policy\.send_window +08:00-20:00 \(default\)$/m);
    assert.match(text, /^invitation_policy\.trigger +fulfilment_or_order \(default\)$/m);
    assert.match(text, /^rate_limit +the default: /m, "the lines of before are still there");

    assert.equal(
      await cliOk("org", "set", "POLICY", "--invitation-defaults"),
      "Organisation POLICY: invitations follow the installation's policy\n",
    );
    const cleared = JSON.parse(await cliOk("org", "show", "POLICY", "--json")) as Record<string, unknown>;
    assert.deepEqual(cleared.invitation_policy_overrides, {});
    assert.deepEqual(cleared.invitation_policy, t.config.invitations.defaults);
    assert.match(await cliOk("org", "show", "POLICY"), /^invitation_policy\.delay_days +\d+ \(default\)$/m);
    const stored = readRows(t.config.databaseUrl, "organisations").find((row) => row.trkref === "POLICY");
    assert.equal(stored?.invitation_policy, null);

    const changes = audit("organisation.invitation_policy_changed").filter((row) => row.subject === "POLICY");
    assert.deepEqual(
      changes.map((row) => JSON.parse(String(row.details))),
      [
        { from: null, to: { delay_days: 10, country_delay_days: { GB: 5, US: 10 } } },
        { from: { delay_days: 10, country_delay_days: { GB: 5, US: 10 } }, to: own },
        { from: own, to: null },
      ],
    );
    assert.equal(changes[1]?.actor, "ivy");
  });

  it("sets a rate limit and an invitation policy in one command, each change logged apart", async () => {
    assert.equal(
      await cliOk("org", "set", "OTHER", "--rate-limit", "50/s", "--frequency-cap-days", "0"),
      "Organisation OTHER: each key may make 50/s, burst 100\n" +
        "Organisation OTHER: its own invitation policy is frequency_cap_days 0; the rest is the installation's\n",
    );
    const shown = JSON.parse(await cliOk("org", "show", "OTHER", "--json")) as Record<string, unknown>;
    assert.deepEqual(shown.rate_limit, { rate_per_second: 50, burst: 100 });
    assert.deepEqual(shown.invitation_policy_overrides, { frequency_cap_days: 0 });
    const subjects = (action: string) => audit(action).filter((row) => row.subject === "OTHER").length;
    assert.equal(subjects("organisation.rate_limit_changed"), 1);
    assert.equal(subjects("organisation.invitation_policy_changed"), 1);
  });

  it("names every wrong invitation option in one usage error (exit 2), and changes nothing", async () => {
    const wrong = await cli(
      "org",
      "set",
      "REFUSED",
      ...["--invitations", "maybe", "--invitation-trigger", "soon", "--invitation-delay-days", "400"],
      ...["--country-delay", "XX=3,US=999", "--send-window", "18:00-09:00", "--timezone", "Mars/Olympus"],
      ...["--max-order-age-days", "0", "--frequency-cap-days", "many", "--rate-limit", "5/s"],
    );
    assert.equal(wrong.code, 2, wrong.stderr);
    for (const message of [
      /--invitations: must be on or off/,
      /--invitation-trigger: must be one of fulfilment_or_order, fulfilment/,
      /--invitation-delay-days: must be a whole number from 0 to 365/,
      /--country-delay: "XX" is not an ISO 3166-1 alpha-2 code/,
      /--country-delay US: must be a whole number from 0 to 365/,
      /--send-window: must be HH:MM-HH:MM/,
      /--timezone: must be an IANA time zone name/,
      /--max-order-age-days: must be a whole number from 1 to 3650/,
      /--frequency-cap-days: must be a whole number from 0 to 365/,
    ]) {
      assert.match(wrong.stderr, message);
    }
    for (const [args, message] of [
      [[], /Give at least one of --rate-limit, --invitations, .*--invitation-defaults/],
      [["--burst", "10"], /--burst goes with --rate-limit/],
      [["--rate-limit", "default", "--burst", "10"], /--burst goes with a rate limit, not with default/],
      [["--invitation-defaults", "--timezone", "UTC"], /give it without --timezone/],
      [["--country-delay", "GB"], /--country-delay: must be COUNTRY=DAYS pairs/],
    ] as const) {
      const result = await cli("org", "set", "REFUSED", ...args);
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    const unknown = await cli("org", "set", "NOPE", "--invitations", "off");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Unknown organisation NOPE/);

    const refused = JSON.parse(await cliOk("org", "show", "REFUSED", "--json")) as Record<string, unknown>;
    assert.deepEqual(refused.invitation_policy_overrides, {});
    assert.equal(refused.rate_limit, null);
    const changes = readRows(t.config.databaseUrl, "audit_log").filter(
      (row) => row.subject === "REFUSED" && row.action !== "organisation.created",
    );
    assert.deepEqual(changes, []);
  });

  it("lists an organisation's invitations oldest first, as the API's wire form, by status, order, due time, a page at a time", async () => {
    const all = await listed("--org", "LISTED", "--json");
    const stored = await t.store.listInvitations({ trkref: "LISTED", limit: 100 });
    assert.deepEqual(all, stored.map(invitationWire));
    // Made in one processing transaction, so in one millisecond: ids order them by time to the millisecond
    // only, and the listing's order is the store's (above), whichever came first within it.
    assert.deepEqual(
      all.map((invitation) => invitation.order_ref).sort(),
      ["LISTED-A", "LISTED-B", "LISTED-OLD"],
      "each invitation once",
    );
    const a = all.find((invitation) => invitation.order_ref === "LISTED-A");
    const old = all.find((invitation) => invitation.order_ref === "LISTED-OLD");
    assert.equal(a?.status, "scheduled");
    assert.equal(a?.trigger_date, "2026-11-28");
    assert.equal(a?.due_at, DUE);
    assert.deepEqual(
      a?.products.map((product) => product.sku),
      ["TSHIRT-BLUE-M", "MUG-001"],
    );
    assert.equal(old?.status, "skipped");
    assert.equal(old?.reason, "too_old");

    const refs = (invitations: Wire[]) => invitations.map((invitation) => invitation.order_ref);
    assert.deepEqual(refs(await listed("--org", "LISTED", "--status", "skipped", "--json")), ["LISTED-OLD"]);
    assert.deepEqual(refs(await listed("--org", "LISTED", "--order-ref", "LISTED-B", "--json")), [
      "LISTED-B",
    ]);
    assert.deepEqual(refs(await listed("--org", "LISTED", "--due-before", DUE, "--json")), []);
    const justAfter = "2026-12-05T09:00:00.001Z";
    assert.deepEqual(refs(await listed("--org", "LISTED", "--due-before", justAfter, "--json")).sort(), [
      "LISTED-A",
      "LISTED-B",
    ]);
    assert.deepEqual(await listed("--org", "LISTED", "--status", "cancelled", "--json"), []);

    const page = (await cliOk("invitation", "list", "--org", "LISTED", "--limit", "2")).trimEnd().split("\n");
    assert.match(page[0] ?? "", /^ID +ORDER_REF +STATUS +REASON +DUE_AT +PRODUCTS +DELIVERY +UPDATED_AT$/);
    assert.match(page[1] ?? "", new RegExp(`^${all[0]?.id} +${all[0]?.order_ref} +`));
    assert.equal(page[3], `More may follow: add --after ${all[1]?.id}`);
    const next = await listed("--org", "LISTED", "--after", all[1]?.id ?? "", "--limit", "2", "--json");
    assert.deepEqual(refs(next), [all[2]?.order_ref]);
    const row = (await cliOk("invitation", "list", "--org", "LISTED", "--order-ref", "LISTED-A")).split(
      "\n",
    )[1];
    assert.match(
      row ?? "",
      new RegExp(`^${a?.id} +LISTED-A +scheduled +- +${DUE} +TSHIRT-BLUE-M,MUG-001 +- +`),
    );
    assert.equal(
      await cliOk("invitation", "list", "--org", "LISTED", "--status", "due"),
      "No invitations of LISTED match\n",
    );
    assert.deepEqual(await listed("--org", "OTHER", "--json"), [], "none of another organisation's");
  });

  it("refuses a wrong invitation list with exit 2, and an unknown organisation with exit 1", async () => {
    for (const args of [
      ["--status", "sent"],
      ["--due-before", "tomorrow"],
      ["--after", "LISTED-A"],
      ["--limit", "101"],
      ["--order-ref", " "],
    ]) {
      const result = await cli("invitation", "list", "--org", "LISTED", ...args);
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.equal(result.stdout, "");
    }
    const unknown = await cli("invitation", "list", "--org", "NOPE");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No organisation NOPE/);
    assert.equal((await cli("invitation", "list", "--org", "listed")).code, 2, "a malformed trkref");
  });

  it("cancels a scheduled invitation once, and refuses one that is due or skipped with exit 1", async () => {
    const byRef = new Map((await listed("--org", "CANCEL", "--json")).map((wire) => [wire.order_ref, wire]));
    const id = (ref: string) => byRef.get(ref)?.id ?? "";

    assert.equal(
      await cliOk("invitation", "cancel", "--org", "CANCEL", id("CANCEL-A").toUpperCase()),
      `Cancelled invitation ${id("CANCEL-A")} of order CANCEL-A: it will not be sent\n`,
    );
    assert.equal(
      await cliOk("invitation", "cancel", "--org", "CANCEL", id("CANCEL-A")),
      `Invitation ${id("CANCEL-A")} of order CANCEL-A was already cancelled: nothing changed\n`,
    );
    const [cancelled] = await listed("--org", "CANCEL", "--order-ref", "CANCEL-A", "--json");
    assert.equal(cancelled?.status, "cancelled");
    assert.equal(cancelled?.reason, "requested");
    const events = readRows(t.config.databaseUrl, "events").filter(
      (row) => row.type === "invitation.cancelled" && row.order_ref === "CANCEL-A",
    );
    assert.equal(events.length, 1, "one event, for the change");

    const json = JSON.parse(
      await cliOk("invitation", "cancel", "--org", "CANCEL", id("CANCEL-B"), "--json"),
    ) as Wire;
    assert.equal(json.id, id("CANCEL-B"));
    assert.equal(json.status, "cancelled");

    const skipped = await cli("invitation", "cancel", "--org", "CANCEL", id("CANCEL-OLD"), "--json");
    assert.equal(skipped.code, 1);
    assert.match(skipped.stderr, /cannot be cancelled: it is skipped \(too_old\), which is final/);
    assert.equal((JSON.parse(skipped.stdout) as Wire).status, "skipped", "--json prints it as it stays");

    assert.equal(byRef.get("CANCEL-LATE")?.due_at, NOW, "due at once: its time had passed when processed");
    const release = await t.store.releaseDueInvitations({
      limit: 100,
      now: NOW,
      settings: t.config.invitations,
    });
    assert.equal(release.due, 1, "only CANCEL-LATE was due by then");
    const due = await cli("invitation", "cancel", "--org", "CANCEL", id("CANCEL-LATE"));
    assert.equal(due.code, 1);
    assert.equal(due.stdout, "");
    assert.match(due.stderr, /cannot be cancelled: it is due, which is final/);

    const elsewhere = await cli("invitation", "cancel", "--org", "OTHER", id("CANCEL-LATE"));
    assert.equal(elsewhere.code, 1);
    assert.match(elsewhere.stderr, new RegExp(`Unknown invitation ${id("CANCEL-LATE")} of OTHER`));
    assert.equal((await cli("invitation", "cancel", "--org", "NOPE", id("CANCEL-A"))).code, 1);
    const malformed = await cli("invitation", "cancel", "--org", "CANCEL", "CANCEL-A");
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /<ID> is an invitation id/);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Invitation } from "../../../src/domain/invitations.js";
import { newRecordId } from "../../../src/domain/record-id.js";
import { type OpenFixture, order, useFreshFixture } from "./contract-fixture.js";
import { hasherOf, invitationOf, placeAt, releaseAt } from "./invitation-test-data.js";

const PLACED = "2026-06-01T10:00:00.000Z";
const DUE = "2026-06-08T09:00:00.000Z";
const SENT = "2026-06-08T09:05:00.000Z";
const BOUNCED = "2026-06-08T09:10:00.000Z";

/** The mailer's reports on due invitations: kept on the invitation; a bounce suppresses the customer. */
export function invitationDeliveryContract(open: OpenFixture): void {
  describe("invitation delivery reports", () => {
    const fixture = useFreshFixture(open);

    it("records the mailer's report on a due invitation, and suppresses the customer after a bounce", async () => {
      const { store } = fixture();
      await placeAt(store, PLACED, order("O-1", { order_date: "2026-06-01" }));
      await releaseAt(store, DUE);
      const due = await invitationOf(store, "O-1");
      const hash = (await hasherOf(store)).email("ACME", "jane@example.com");

      const sent = await store.recordInvitationDelivery({
        trkrefs: ["ACME"],
        id: due.id,
        status: "sent",
        now: SENT,
      });
      const reported: Invitation = {
        ...due,
        delivery: { status: "sent", reportedAt: SENT },
        updatedAt: SENT,
      };
      assert.deepEqual(sent, { kind: "recorded", invitation: reported, suppressed: false });
      assert.deepEqual(await invitationOf(store, "O-1"), reported);
      assert.deepEqual(await store.findSuppressed("ACME", [hash]), []);

      const bounced = await store.recordInvitationDelivery({
        trkrefs: "any",
        id: due.id,
        status: "bounced",
        now: BOUNCED,
      });
      const latest: Invitation = {
        ...due,
        delivery: { status: "bounced", reportedAt: BOUNCED },
        updatedAt: BOUNCED,
      };
      assert.deepEqual(bounced, { kind: "recorded", invitation: latest, suppressed: true });
      assert.deepEqual(await invitationOf(store, "O-1"), latest);
      assert.deepEqual(await store.findSuppressed("ACME", [hash]), [hash]);

      // Her next order is kept without her data, and not invited.
      await placeAt(store, "2026-06-09T10:00:00.000Z", order("O-2", { order_date: "2026-06-09" }));
      const next = await invitationOf(store, "O-2");
      assert.deepEqual([next.status, next.reason], ["skipped", "suppressed"]);
    });

    it("suppresses the customer after a complaint", async () => {
      const { store } = fixture();
      await placeAt(store, PLACED, order("O-1", { order_date: "2026-06-01" }));
      await releaseAt(store, DUE);
      const { id } = await invitationOf(store, "O-1");
      const outcome = await store.recordInvitationDelivery({
        trkrefs: ["ACME"],
        id,
        status: "complained",
        now: SENT,
      });
      assert.equal(outcome.kind === "recorded" && outcome.suppressed, true);
      const hash = (await hasherOf(store)).email("ACME", "jane@example.com");
      assert.deepEqual(await store.findSuppressed("ACME", [hash]), [hash]);
    });

    it("takes no report on an invitation that is not due, nor on another organisation's", async () => {
      const { store } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      await placeAt(store, PLACED, order("O-1", { order_date: "2026-06-01" }));
      const scheduled = await invitationOf(store, "O-1");
      const report = { trkrefs: ["ACME"], id: scheduled.id, status: "bounced" as const, now: SENT };
      assert.deepEqual(await store.recordInvitationDelivery(report), {
        kind: "not_due",
        invitation: scheduled,
      });

      await releaseAt(store, DUE);
      assert.deepEqual(await store.recordInvitationDelivery({ ...report, trkrefs: ["BETA"] }), {
        kind: "not_found",
      });
      for (const id of [newRecordId(), "not-an-invitation-id"]) {
        assert.deepEqual(await store.recordInvitationDelivery({ ...report, id }), { kind: "not_found" }, id);
      }
      const due = await invitationOf(store, "O-1");
      assert.deepEqual([due.status, due.delivery], ["due", null], "nothing recorded");
      const hash = (await hasherOf(store)).email("ACME", "jane@example.com");
      assert.deepEqual(await store.findSuppressed("ACME", [hash]), []);
    });
  });
}

import type { InvitationRow } from "../../src/domain/invitations.js";

/** A scheduled invitation of ACME's order O-1 naming two products, with the members a test gives instead. */
export const scheduledInvitation = (changes: Partial<InvitationRow> = {}): InvitationRow => ({
  id: "0190a1b2-0000-7000-8000-000000000001",
  trkref: "ACME",
  orderRef: "O-1",
  customerHash: "hash-1",
  status: "scheduled",
  reason: null,
  triggerDate: "2026-05-01",
  dueAt: "2026-05-08T09:00:00.000Z",
  products: [
    { sku: "A", price: "30.00", currency: "GBP" },
    { sku: "B", price: "20.00", currency: "GBP" },
  ],
  createdAt: "2026-05-01T12:00:00.000Z",
  updatedAt: "2026-05-01T12:00:00.000Z",
  releasedAt: null,
  delivery: null,
  ...changes,
});

import { describe } from "node:test";
import type { OpenFixture } from "./contract-fixture.js";
import { invitationCancellationContract } from "./invitation-cancellation-contract.js";
import { invitationDeliveryContract } from "./invitation-delivery-contract.js";
import { invitationReleaseContract } from "./invitation-release-contract.js";
import { invitationSchedulingContract } from "./invitation-scheduling-contract.js";

/**
 * Review invitations (docs/invitations.md), every time given explicitly: scheduled by processing, changed by
 * later submissions and cancellations, released once at their due time, and told of the mailer's reports.
 */
export function invitationsContract(open: OpenFixture): void {
  describe("invitations", () => {
    invitationSchedulingContract(open);
    invitationCancellationContract(open);
    invitationReleaseContract(open);
    invitationDeliveryContract(open);
  });
}

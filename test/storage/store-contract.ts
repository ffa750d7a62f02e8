import { describe } from "node:test";
import { apiKeysContract } from "./contract/api-keys-contract.js";
import { auditContract } from "./contract/audit-contract.js";
import type { OpenFixture } from "./contract/contract-fixture.js";
import { erasureContract } from "./contract/erasure-contract.js";
import { errorsContract } from "./contract/errors-contract.js";
import { eventsContract } from "./contract/events-contract.js";
import { idempotencyContract } from "./contract/idempotency-contract.js";
import { intakeContract } from "./contract/intake-contract.js";
import { invitationsContract } from "./contract/invitations-contract.js";
import { lifecycleContract } from "./contract/lifecycle-contract.js";
import { orderListingContract } from "./contract/order-listing-contract.js";
import { organisationSettingsContract } from "./contract/organisation-settings-contract.js";
import { organisationsContract } from "./contract/organisations-contract.js";
import { privacyContract } from "./contract/privacy-contract.js";
import { processingContract } from "./contract/processing-contract.js";
import { processingDefectsContract } from "./contract/processing-defects-contract.js";
import { storedDocumentsContract } from "./contract/stored-documents-contract.js";
import { submissionListingContract } from "./contract/submission-listing-contract.js";
import { submissionsContract } from "./contract/submissions-contract.js";
import { webhooksContract } from "./contract/webhooks-contract.js";

/**
 * The behaviour every adapter must share, one contract per storage concern; each adapter's test file runs it
 * with its own fixture, opened afresh for every test.
 */
export function runStoreContract(adapter: string, open: OpenFixture): void {
  describe(`store contract: ${adapter}`, () => {
    lifecycleContract(open);
    organisationsContract(open);
    intakeContract(open);
    idempotencyContract(open);
    submissionsContract(open);
    processingContract(open);
    errorsContract(open);
    storedDocumentsContract(open);
    processingDefectsContract(open);
    orderListingContract(open);
    submissionListingContract(open);
    apiKeysContract(open);
    organisationSettingsContract(open);
    auditContract(open);
    eventsContract(open);
    webhooksContract(open);
    privacyContract(open);
    erasureContract(open);
    invitationsContract(open);
  });
}

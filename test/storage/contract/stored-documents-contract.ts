import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StoreUnavailableError } from "../../../src/storage/store.js";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";

/** A string as an SQL literal that both databases take. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

const PREVIOUS_SUBMISSION_ID = "01900000-0000-7000-8000-0000000a0001";
const PREVIOUS_BATCH_ID = "01900000-0000-7000-8000-0000000b0001";

/**
 * Stored documents are read back through a checked decoder by their version: what the previous release
 * wrote (no version column then, so the default, 1) is processed and read as this release's own, and a
 * document no known version describes fails as a defect rather than being cast and applied.
 */
export function storedDocumentsContract(open: OpenFixture): void {
  describe("stored documents: versioned and checked when read back", () => {
    const fixture = useFreshFixture(open);

    it("processes a submission written by the previous release, which wrote no version", async () => {
      const { store, exec } = fixture();
      const document = order("PREV-1", { fulfilment_date: "2021-09-27" });
      // The previous release's statement: the columns it knew, none of them the version.
      await exec(`INSERT INTO submissions (id, trkref, order_ref, key_id, document, raw, status, accepted_at)
        VALUES (${literal(PREVIOUS_SUBMISSION_ID)}, 'ACME', 'PREV-1', 'oik_test', ${literal(JSON.stringify(document))},
          ${literal(JSON.stringify(document))}, 'accepted', '2026-11-30T10:00:00.000Z')`);

      const report = await store.processPendingSubmissions(10);
      assert.deepEqual(report, {
        taken: 1,
        events: 1,
        invitations: 0,
        outcomes: { created: 1, updated: 0, duplicate: 0 },
        failures: [],
        defects: [],
      });
      const processed = await store.findSubmission(PREVIOUS_SUBMISSION_ID);
      assert.equal(processed?.status, "processed");
      assert.equal(processed?.outcome, "created");
      assert.deepEqual((await store.findOrder("ACME", "PREV-1"))?.order, document);
    });

    it("reads back a batch record and an idempotency record written by the previous release", async () => {
      const { store, exec } = fixture();
      const results = [{ index: 0, order_ref: "B-1", status: "accepted", id: PREVIOUS_SUBMISSION_ID }];
      await exec(`INSERT INTO batches (id, key_id, results, created_at)
        VALUES (${literal(PREVIOUS_BATCH_ID)}, 'oik_test', ${literal(JSON.stringify(results))},
          '2026-11-30T10:00:00.000Z')`);
      await exec(`INSERT INTO idempotency_records (key_id, idempotency_key, fingerprint, status_code, headers,
          body, created_at, expires_at)
        VALUES ('oik_test', 'retry-1', 'f1', 202, '{"location":"/x"}', '{"id":"x"}', '2026-11-30T10:00:00.000Z',
          '2999-01-01T00:00:00.000Z')`);

      assert.deepEqual((await store.findBatch(PREVIOUS_BATCH_ID))?.results, results);
      const record = await store.findIdempotencyRecord("oik_test", "retry-1", "2026-12-01T00:00:00.000Z");
      assert.deepEqual(record?.headers, { location: "/x" });
      assert.equal(record?.body, '{"id":"x"}');
    });

    it("fails a submission whose document does not have its version's shape, and processes the others", async () => {
      const { store, exec } = fixture();
      const [before, misshapen, after] = ["V-1", "V-2", "V-3"].map((ref) => submission(order(ref)));
      assert.ok(before && misshapen && after);
      await store.commitIntake([{ submissions: [before, misshapen, after] }]);
      await exec(`UPDATE submissions SET document = '{"trkref":"ACME"}' WHERE id = ${literal(misshapen.id)}`);

      const report = await store.processPendingSubmissions(10);
      assert.equal(report.taken, 3);
      assert.deepEqual(
        report.defects.map((d) => [d.submissionId, d.name]),
        [[misshapen.id, "StoredDocumentError"]],
      );
      assert.deepEqual(report.failures, [
        { submissionId: misshapen.id, trkref: "ACME", orderRef: "V-2", code: "unreadable_document" },
      ]);
      assert.deepEqual(report.outcomes, { created: 2, updated: 0, duplicate: 0 });
      const failed = await store.findSubmission(misshapen.id);
      assert.equal(failed?.status, "failed");
      assert.equal(failed?.failureCode, "unreadable_document");
      assert.match(String(failed?.failureReason), /order_ref/);
      for (const done of [before, after]) {
        assert.equal((await store.findSubmission(done.id))?.outcome, "created", done.order.order_ref);
      }
      assert.equal(await store.findOrder("ACME", "V-2"), undefined);
    });

    it("leaves a document of a newer release's version waiting, its batch with it, rather than fail it", async () => {
      const { store, exec } = fixture();
      const [older, newer] = ["N-1", "N-2"].map((ref) => submission(order(ref)));
      assert.ok(older && newer);
      await store.commitIntake([{ submissions: [older, newer] }]);
      await exec(`UPDATE submissions SET document_version = 99 WHERE id = ${literal(newer.id)}`);

      await assert.rejects(store.processPendingSubmissions(10), (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError, String(error));
        assert.match(error.message, /version 99, newer than this release reads/);
        return true;
      });
      for (const s of [older, newer]) assert.equal((await store.findSubmission(s.id))?.status, "accepted");

      // What an instance of the newer release would do with it: read it, here as the version it is.
      await exec(`UPDATE submissions SET document_version = 1 WHERE id = ${literal(newer.id)}`);
      const report = await store.processPendingSubmissions(10);
      assert.deepEqual([report.taken, report.outcomes.created, report.defects], [2, 2, []]);
    });

    it("fails a document of a version no release wrote, as a defect", async () => {
      const { store, exec } = fixture();
      const unknown = submission(order("U-1"));
      await store.commitIntake([{ submissions: [unknown] }]);
      await exec(`UPDATE submissions SET document_version = 0 WHERE id = ${literal(unknown.id)}`);
      const report = await store.processPendingSubmissions(10);
      assert.deepEqual(
        report.defects.map((d) => d.submissionId),
        [unknown.id],
      );
      assert.match(String((await store.findSubmission(unknown.id))?.failureReason), /unknown version 0/);
    });

    it("answers a batch record of a newer release's version as unavailable for now", async () => {
      const { store, exec } = fixture();
      const results = [{ index: 0, order_ref: "B-1", status: "accepted", id: PREVIOUS_SUBMISSION_ID }];
      await exec(`INSERT INTO batches (id, key_id, results, results_version, created_at)
        VALUES (${literal(PREVIOUS_BATCH_ID)}, 'oik_test', ${literal(JSON.stringify(results))}, 7,
          '2026-11-30T10:00:00.000Z')`);
      // A newer release's record: this instance cannot read it now, another may (503 with Retry-After).
      await assert.rejects(store.findBatch(PREVIOUS_BATCH_ID), (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError, String(error));
        assert.match(error.message, /version 7, newer than this release reads/);
        return true;
      });
    });
  });
}

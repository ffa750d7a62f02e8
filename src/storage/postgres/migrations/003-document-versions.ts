/**
 * The version of each stored document's shape (`stored-documents.ts`). Rows written before, and rows an
 * instance of the previous release writes during a rolling deploy, hold version 1, the shape they are
 * written in. A column with a constant default is added without rewriting the table. The tables are
 * altered in the order intake writes them, so that a migration running beside live intake waits for it
 * rather than deadlocking with it. Never edit once released.
 */
export const sql = `
ALTER TABLE idempotency_records ADD COLUMN headers_version smallint NOT NULL DEFAULT 1;
ALTER TABLE batches ADD COLUMN results_version smallint NOT NULL DEFAULT 1;
ALTER TABLE submissions ADD COLUMN document_version smallint NOT NULL DEFAULT 1;
`;

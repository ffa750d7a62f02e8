/**
 * The version of each stored document's shape (`stored-documents.ts`). Rows written before hold version 1,
 * the shape they were written in. Never edit once released.
 */
export const sql = `
ALTER TABLE submissions ADD COLUMN document_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE batches ADD COLUMN results_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE idempotency_records ADD COLUMN headers_version INTEGER NOT NULL DEFAULT 1;
`;

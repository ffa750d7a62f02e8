/**
 * A failed submission's stable code beside its reason. Submissions failed before hold none; a nullable
 * column is added without rewriting the table. Never edit once released.
 */
export const sql = `
ALTER TABLE submissions ADD COLUMN failure_code text;
`;

/**
 * A failed submission's stable code beside its reason. Submissions failed before hold none. Never edit once
 * released.
 */
export const sql = `
ALTER TABLE submissions ADD COLUMN failure_code TEXT;
`;

/**
 * One row that readiness rewrites: a database that answers reads may still refuse writes (a full disk), and
 * only a commit tells. Never edit once released.
 */
export const sql = `
CREATE TABLE heartbeat (id INTEGER PRIMARY KEY CHECK (id = 1), beat_at TEXT NOT NULL);
`;

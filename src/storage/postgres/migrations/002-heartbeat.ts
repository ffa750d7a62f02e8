/**
 * One row that readiness rewrites: a database that answers reads may still refuse writes (a standby after a
 * failover, a full disk), and only a commit tells. Never edit once released.
 */
export const sql = `
CREATE TABLE heartbeat (id smallint PRIMARY KEY CHECK (id = 1), beat_at timestamptz NOT NULL);
`;

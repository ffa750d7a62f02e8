/**
 * Leaner intake: a submission row is written with two index entries (its id and the pending queue, both
 * appended at the end) instead of four. The per-order index now holds settled submissions only, so its
 * scattered inserts happen when the processor settles a row, off the request path; a batch finds its
 * submissions through the ids its results hold. Never edit once released.
 */
export const sql = `
DROP INDEX submissions_by_batch;
DROP INDEX submissions_by_order;
CREATE INDEX submissions_settled_by_order ON submissions (trkref, order_ref, seq) WHERE status <> 'accepted';
`;

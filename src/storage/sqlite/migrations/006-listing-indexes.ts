/**
 * The listings' indexes: each page of an organisation's orders is one range of one index, sorted by the
 * time it lists them by, ties broken by order_ref; processing writes them, off the request path. Settled
 * submissions are listed by status through an index that holds settled rows only, so that intake writes
 * no more index entries than before (migration 003); pending ones through the pending queue. Never edit
 * once released.
 */
export const sql = `
CREATE INDEX orders_by_created ON orders (trkref, created_at, order_ref);
CREATE INDEX orders_by_updated ON orders (trkref, updated_at, order_ref);
CREATE INDEX submissions_settled_by_status ON submissions (trkref, status, seq) WHERE status <> 'accepted';
`;

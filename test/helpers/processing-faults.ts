import type { ProcessingDatabase } from "../../src/storage/processing-io.js";

/**
 * A store's processing I/O with a defect of the service put into writing the order named `orderRef`: a
 * plain TypeError, as a bug in merging would raise. Everything else is the store's own I/O.
 */
export function withDefectSaving(database: ProcessingDatabase, orderRef: string): ProcessingDatabase {
  return {
    ...database,
    inTransaction: (work) =>
      database.inTransaction((tx) =>
        work({
          ...tx,
          async saveOrders(changed, now) {
            if (changed.some((c) => c.order.order_ref === orderRef)) throw new TypeError("a bug in merging");
            return tx.saveOrders(changed, now);
          },
        }),
      ),
  };
}

import type { ProcessingDatabase } from "../../src/storage/processing-io.js";

/**
 * A store's processing I/O with a defect of the service put into writing the orders `isBroken` names: a
 * plain TypeError, as a bug in merging would raise. Everything else is the store's own I/O.
 */
export function withDefectSaving(
  database: ProcessingDatabase,
  isBroken: (orderRef: string) => boolean,
): ProcessingDatabase {
  return {
    ...database,
    inTransaction: (work) =>
      database.inTransaction((tx) =>
        work({
          ...tx,
          async saveOrders(changed, now) {
            if (changed.some((c) => isBroken(c.order.order_ref))) throw new TypeError("a bug in merging");
            return tx.saveOrders(changed, now);
          },
        }),
      ),
  };
}

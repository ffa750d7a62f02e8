import { once } from "node:events";
import { stringify } from "csv-stringify/sync";
import type { NormalisedOrder } from "../../domain/normalised-order.js";
import type { OrderListQuery, OrderStore, StoredOrder } from "../../storage/store.js";

/** Orders read per statement: memory stays this page's, however many orders there are. */
export const EXPORT_PAGE_SIZE = 500;

/** The columns of a CSV export: one row per order item, named after the order document's fields. */
export const CSV_COLUMNS = [
  "trkref",
  "order_ref",
  "order_date",
  "fulfilment_date",
  "language",
  "locale",
  "customer.email",
  "customer.customer_ref",
  "customer.title",
  "customer.first_name",
  "customer.surname",
  "customer.postcode",
  "customer.country",
  "item.sku",
  "item.price",
  "item.currency",
  "item.metadata",
  "created_at",
  "updated_at",
] as const;

/** One order's CSV rows, one per item; metadata as JSON in one cell. */
function csvRows(stored: StoredOrder): string[][] {
  const order: NormalisedOrder = stored.order;
  const head = [
    order.trkref,
    order.order_ref,
    order.order_date ?? "",
    order.fulfilment_date ?? "",
    order.language ?? "",
    order.locale ?? "",
    order.customer.email,
    order.customer.customer_ref ?? "",
    order.customer.title ?? "",
    order.customer.first_name ?? "",
    order.customer.surname ?? "",
    order.customer.postcode ?? "",
    order.customer.country ?? "",
  ];
  return order.order_items.map((item) => [
    ...head,
    item.sku,
    item.price ?? "",
    item.currency ?? "",
    item.metadata === undefined ? "" : JSON.stringify(item.metadata),
    stored.createdAt,
    stored.updatedAt,
  ]);
}

/** Lines of one page of orders in the chosen format. */
function formatPage(orders: StoredOrder[], format: "ndjson" | "csv"): string {
  if (format === "csv") return stringify(orders.flatMap(csvRows));
  return orders
    .map((stored) =>
      JSON.stringify({ ...stored.order, created_at: stored.createdAt, updated_at: stored.updatedAt }),
    )
    .join("\n")
    .concat(orders.length > 0 ? "\n" : "");
}

/** Where an export writes, and how it tells its progress (a terminal only). */
export interface ExportTarget {
  output: NodeJS.WritableStream;
  progress?: (exported: number) => void;
}

/**
 * Streams an organisation's orders, oldest first, page by page (one keyset range of one index each), in
 * constant memory: it waits for the output to drain before reading the next page. With `since`, only the
 * orders updated after it, in the order they were last updated. Returns how many orders it wrote.
 */
export async function exportOrders(
  store: Pick<OrderStore, "listOrders">,
  query: { trkref: string; format: "ndjson" | "csv"; since?: string },
  target: ExportTarget,
): Promise<number> {
  const sortedBy = query.since === undefined ? "created" : "updated";
  // An output that fails (a reader that closed the pipe: `| head`) ends the export with its error, which
  // would otherwise be an unhandled 'error' event, and a wait for 'drain' that never comes.
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
  };
  target.output.on("error", fail);
  try {
    return await writePages();
  } finally {
    target.output.off("error", fail);
  }

  async function writePages(): Promise<number> {
    if (query.format === "csv") target.output.write(stringify([[...CSV_COLUMNS]]));
    let after: OrderListQuery["after"];
    let exported = 0;
    for (;;) {
      if (failure) throw failure;
      const page = await store.listOrders({
        trkref: query.trkref,
        sortedBy,
        direction: "ascending",
        ...(query.since !== undefined && { updatedAfter: query.since }),
        ...(after && { after }),
        limit: EXPORT_PAGE_SIZE,
      });
      if (page.length > 0 && !target.output.write(formatPage(page, query.format))) {
        // Rejects if the output fails meanwhile.
        await once(target.output, "drain");
      }
      exported += page.length;
      target.progress?.(exported);
      const last = page.at(-1);
      if (!last || page.length < EXPORT_PAGE_SIZE) return exported;
      after = {
        at: sortedBy === "created" ? last.createdAt : last.updatedAt,
        orderRef: last.order.order_ref,
      };
    }
  }
}

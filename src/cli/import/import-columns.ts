import { usageError } from "../cli-error.js";

/** Columns of the order itself, taken from each order's first row. */
export const ORDER_COLUMNS = ["order_ref", "order_date", "fulfilment_date", "language", "locale"] as const;
/** Columns of the order's `customer`, taken from each order's first row. */
export const CUSTOMER_COLUMNS = [
  "email",
  "customer_ref",
  "title",
  "first_name",
  "surname",
  "postcode",
  "country",
] as const;
/** Columns of one order item, read from every row. */
export const ITEM_COLUMNS = ["sku", "price", "currency"] as const;
/** `metadata.<name>` columns fill the item's `metadata` object. */
export const METADATA_PREFIX = "metadata.";
/** Columns the rejects file adds; ignored on input, so that a corrected rejects file imports again. */
export const REJECT_COLUMNS = ["reject_line", "reject_column", "reject_code", "reject_message"] as const;
export const REQUIRED_COLUMNS = ["order_ref", "sku"] as const;

/** A column the document is built from, and where it stands in each row. */
export interface ColumnAt {
  name: string;
  index: number;
}

/** Where each known column of a file's header stands. */
export interface ImportColumns {
  header: string[];
  /** Index of `order_ref`: rows are grouped into orders by it. */
  orderRef: number;
  order: ColumnAt[];
  customer: ColumnAt[];
  item: ColumnAt[];
  /** `metadata.<name>` columns, `name` being the metadata entry's name. */
  metadata: (ColumnAt & { column: string })[];
}

const KNOWN_COLUMNS: ReadonlySet<string> = new Set([...ORDER_COLUMNS, ...CUSTOMER_COLUMNS, ...ITEM_COLUMNS]);
const IGNORED_COLUMNS: ReadonlySet<string> = new Set(REJECT_COLUMNS);

const quoted = (names: string[]) => names.map((name) => JSON.stringify(name)).join(", ");

function checkHeaderNames(header: string[]): void {
  const unknown = header.filter(
    (name) => !KNOWN_COLUMNS.has(name) && !IGNORED_COLUMNS.has(name) && !name.startsWith(METADATA_PREFIX),
  );
  if (unknown.length > 0) {
    const known = [...KNOWN_COLUMNS, `${METADATA_PREFIX}<name>`].join(", ");
    throw usageError(
      `Unknown column${unknown.length > 1 ? "s" : ""} in the header: ${quoted(unknown)}. ` +
        `The known columns are ${known} (names exact, lower case); ${REJECT_COLUMNS.join(", ")} are ignored.`,
    );
  }
  const repeated = header.filter((name, index) => header.indexOf(name) !== index);
  if (repeated.length > 0) {
    throw usageError(`Columns named more than once in the header: ${quoted([...new Set(repeated)])}`);
  }
  const missing = REQUIRED_COLUMNS.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw usageError(
      `The header has no ${missing.join(" and no ")} column; ${REQUIRED_COLUMNS.join(" and ")} are required.`,
    );
  }
}

/** Reads a header; a usage error for unknown, repeated or missing columns. */
export function readImportColumns(header: string[]): ImportColumns {
  checkHeaderNames(header);
  const present = (names: readonly string[]): ColumnAt[] =>
    names.flatMap((name) => (header.includes(name) ? [{ name, index: header.indexOf(name) }] : []));
  const metadata = header.flatMap((column, index) =>
    column.startsWith(METADATA_PREFIX) ? [{ name: column.slice(METADATA_PREFIX.length), column, index }] : [],
  );
  return {
    header,
    orderRef: header.indexOf("order_ref"),
    order: present(ORDER_COLUMNS),
    customer: present(CUSTOMER_COLUMNS),
    item: present(ITEM_COLUMNS),
    metadata,
  };
}

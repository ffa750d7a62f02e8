import { afterEach, beforeEach } from "node:test";
import type { NormalisedOrder } from "../../../src/domain/normalised-order.js";
import type { ProcessingDatabase } from "../../../src/storage/processing-io.js";
import type { NewSubmission, Store } from "../../../src/storage/store.js";

/** A fresh, empty store of one adapter, with an organisation ACME, disposed of after one test. */
export interface StoreFixture {
  store: Store;
  /** A second store on the same database, as another process (the CLI, another instance) would open it. */
  openAnother(): Promise<Store>;
  /**
   * Makes the database itself refuse to store an order under `orderRef` (a trigger raising a constraint
   * error), as a real refusal would: the adapter's handling of it is what is tested, not a stand-in.
   */
  refuseOrdersNamed(orderRef: string): Promise<void>;
  /**
   * Runs statements on the database through a connection of its own, as another process would: the
   * previous release writing during a rolling deploy, say. Written in SQL both databases take.
   */
  exec(sql: string): Promise<void>;
  /**
   * Reads rows through a connection of its own, to check what is stored where the store reads nothing
   * back (a column only an erasure searches, say). A boolean column reads as 0 or 1 on SQLite.
   */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** The adapter's processing I/O on a connection of its own, for a test to put a fault into. */
  openProcessing(): Promise<{ database: ProcessingDatabase; close(): Promise<void> }>;
  dispose(): Promise<void>;
}

/** Opens a fixture for each test of a contract. */
export type OpenFixture = () => Promise<StoreFixture>;

/** An order of ACME, with `changes` applied. */
export const order = (orderRef: string, changes: Partial<NormalisedOrder> = {}): NormalisedOrder => ({
  trkref: "ACME",
  order_ref: orderRef,
  order_date: "2021-09-25",
  customer: { email: "jane@example.com", country: "GB" },
  order_items: [
    { sku: "SKU-1", price: "55.99", currency: "GBP", metadata: { field_1: "x", n: 2, ok: true } },
  ],
  ...changes,
});

let counter = 0;
/** A submission of `o`, with an id no other submission of the test run has. */
export const submission = (o: NormalisedOrder): NewSubmission => ({
  id: `01900000-0000-7000-8000-${String(++counter).padStart(12, "0")}`,
  keyId: "oik_test",
  order: o,
  raw: JSON.stringify(o),
  acceptedAt: new Date().toISOString(),
});

/**
 * Gives each test of the enclosing `describe` a fresh fixture, with the organisation ACME, disposed of after
 * it: every contract test sets up its own data and can run alone. Call inside a `describe`.
 */
export function useFreshFixture(open: OpenFixture): () => StoreFixture {
  let current: StoreFixture | undefined;
  beforeEach(async () => {
    current = await open();
    await current.store.createOrganisation({ trkref: "ACME", name: "Acme", enabled: true });
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("useFreshFixture's fixture is only there inside a test");
    return current;
  };
}

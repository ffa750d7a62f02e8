import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliError } from "../../../src/cli/cli-error.js";
import { type CheckedOrder, readCheckedOrders } from "../../../src/cli/import/checked-orders.js";

/** A folder of CSV files for one test file, removed by `remove`. */
export function createCsvFolder(prefix: string) {
  const path = mkdtempSync(join(tmpdir(), prefix));
  let files = 0;
  return {
    path,
    write(content: string | Buffer, name = `file-${++files}.csv`): string {
      const file = join(path, name);
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Every date of the test files is within a year of this day, so that none is warned about. */
export const TODAY = new Date("2026-03-15T12:00:00Z");

/** Reads a file to the end and returns its checked orders. */
export async function readAllOrders(path: string): Promise<CheckedOrder[]> {
  const checked = await readCheckedOrders(path, { trkref: "ACME", today: TODAY });
  const orders: CheckedOrder[] = [];
  for await (const order of checked.orders) orders.push(order);
  return orders;
}

/** The CliError that `action` rejects with. */
export async function cliErrorOf(action: () => Promise<unknown>): Promise<CliError> {
  const error = await action().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return error;
}

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startProgress } from "../../src/cli/import/import-progress.js";
import { eventually } from "../helpers/eventually.js";

/** Half of a 1000-byte file read: 100 rows of 40 orders, two seconds in by the clock given. */
const halfRead = { totalBytes: 1000, bytesRead: () => 500, rowsRead: () => 100, ordersRead: () => 40 };

function captureStream() {
  const writes: string[] = [];
  return { writes, stream: { write: (text: string) => writes.push(text) } };
}

/** A clock that reads 0 at the start and two seconds from then on. */
function twoSecondClock() {
  let reads = 0;
  return () => (reads++ === 0 ? 0 : 2000);
}

describe("import progress", () => {
  it("writes a plain line of rows, orders, rows/s and ETA each interval when stderr is not a terminal", async () => {
    const { writes, stream } = captureStream();
    const progress = startProgress(halfRead, { stream, isTTY: false, intervalMs: 10, now: twoSecondClock() });
    const written = await eventually(() => writes.length >= 2, 5_000);
    progress.stop();
    assert.ok(written, "two lines within the deadline");
    assert.equal(writes[0], "100 rows, 40 orders, 50 rows/s, ETA 0:02\n");
    assert.equal(writes[1], writes[0], "a new line each time, nothing redrawn");
  });

  it("redraws one line in place with a bar of the bytes read on a terminal, and clears it when stopped", async () => {
    const { writes, stream } = captureStream();
    const progress = startProgress(halfRead, {
      stream,
      isTTY: true,
      intervalMs: 10,
      now: twoSecondClock(),
      label: "checking",
    });
    const written = await eventually(() => writes.length >= 1, 5_000);
    progress.stop();
    assert.ok(written, "a line within the deadline");
    assert.equal(
      writes[0],
      "\rchecking: [############............]  50% 100 rows, 40 orders, 50 rows/s, ETA 0:02\u001b[K",
    );
    assert.equal(writes.at(-1), "\r\u001b[K");
  });

  it("writes nothing for a run shorter than the interval", () => {
    const { writes, stream } = captureStream();
    startProgress(halfRead, { stream, isTTY: false }).stop();
    startProgress(halfRead, { stream, isTTY: true }).stop();
    assert.deepEqual(writes, []);
  });

  it("says the ETA is unknown until some of the file is read", async () => {
    const { writes, stream } = captureStream();
    const nothingRead = { ...halfRead, bytesRead: () => 0, rowsRead: () => 0, ordersRead: () => 0 };
    const progress = startProgress(nothingRead, {
      stream,
      isTTY: false,
      intervalMs: 10,
      now: twoSecondClock(),
    });
    const written = await eventually(() => writes.length >= 1, 5_000);
    progress.stop();
    assert.ok(written);
    assert.equal(writes[0], "0 rows, 0 orders, 0 rows/s, ETA ?\n");
  });
});

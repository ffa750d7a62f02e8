import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createGroupCommitter, type GroupCommitOptions } from "../../src/storage/group-commit.js";
import { StoreOverloadedError, StoreUnavailableError } from "../../src/storage/store.js";

const BOUND_MS = 5_000;

/** Rejects if `promise` has not settled within a bound, so that a committer that stalls fails the test. */
function settleWithin<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${BOUND_MS} ms`)), BOUND_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A gate a commit can wait on, opened by the test. */
function createGate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Settles `promise` into a record of its outcome, so that several can be awaited together. */
const outcomeOf = (promise: Promise<void>) =>
  promise.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** A committer whose commits are recorded group by group; `fail` decides which calls throw. */
function recordingCommitter<T>(
  options: Partial<GroupCommitOptions<T>> & { fail?: (call: number) => boolean; gate?: Promise<void> } = {},
) {
  const calls: T[][] = [];
  const committer = createGroupCommitter<T>({
    maxPending: 1_000,
    ...options,
    commit: async (items) => {
      const call = calls.push([...items]);
      if (options.gate) await options.gate;
      if (options.fail?.(call)) throw new Error(`disk full in commit ${call}`);
    },
  });
  return { calls, committer };
}

describe("group committer: grouping", () => {
  it("commits what is submitted in one turn in one call, and later submissions in the next", async () => {
    const { calls, committer } = recordingCommitter<string>();
    await settleWithin(Promise.all(["a", "b", "c"].map((item) => committer.submit(item))), "first group");
    assert.deepEqual(calls, [["a", "b", "c"]]);

    await settleWithin(Promise.all(["d", "e"].map((item) => committer.submit(item))), "second group");
    assert.deepEqual(calls, [
      ["a", "b", "c"],
      ["d", "e"],
    ]);
  });

  it("gathers what arrives during a commit into the next group", async () => {
    const gate = createGate();
    const { calls, committer } = recordingCommitter<string>({ gate: gate.opened });
    const first = committer.submit("a");
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(calls, [["a"]], "the first commit has started");

    const later = ["b", "c"].map((item) => committer.submit(item));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(calls, [["a"]], "nothing else is committed while a commit runs");
    gate.open();
    await settleWithin(Promise.all([first, ...later]), "both groups");
    assert.deepEqual(calls, [["a"], ["b", "c"]]);
  });
});

describe("group committer: a failed commit", () => {
  it("rejects every waiter of its group with StoreUnavailableError, and the next group still commits", async () => {
    const gate = createGate();
    const { calls, committer } = recordingCommitter<string>({
      gate: gate.opened,
      fail: (call) => call === 1,
    });
    const failing = ["a", "b", "c"].map((item) => outcomeOf(committer.submit(item)));
    await new Promise((resolve) => setImmediate(resolve));
    // Submitted while the failing commit runs: it must be committed on its own afterwards.
    const next = outcomeOf(committer.submit("d"));
    gate.open();

    const outcomes = await settleWithin(Promise.all(failing), "the failed group");
    for (const outcome of outcomes) {
      assert.equal(outcome.ok, false);
      assert.ok(
        !outcome.ok && outcome.error instanceof StoreUnavailableError,
        String(!outcome.ok && outcome.error),
      );
      assert.match(String((outcome.error as Error).cause), /disk full in commit 1/);
    }
    assert.deepEqual(await settleWithin(next, "the next group"), { ok: true });
    assert.deepEqual(calls, [["a", "b", "c"], ["d"]]);
  });
});

describe("group committer: maxPending", () => {
  interface Weighted {
    name: string;
    weight: number;
  }
  const weighted = (name: string, weight: number): Weighted => ({ name, weight });

  it("refuses at once past the bound by weight, leaves the rest alone, and accepts again once drained", async () => {
    const { calls, committer } = recordingCommitter<Weighted>({
      maxPending: 3,
      weigh: (item) => item.weight,
    });
    const first = outcomeOf(committer.submit(weighted("first", 2)));
    const refused = outcomeOf(committer.submit(weighted("refused", 2)));
    // Fits beside the first only if the refused one was not counted.
    const third = outcomeOf(committer.submit(weighted("third", 1)));

    const refusal = await refused;
    assert.equal(calls.length, 0, "refused before any commit ran");
    assert.ok(!refusal.ok && refusal.error instanceof StoreOverloadedError, JSON.stringify(refusal));
    assert.equal(committer.pending, 3);

    assert.deepEqual(await settleWithin(first, "first"), { ok: true });
    assert.deepEqual(await settleWithin(third, "third"), { ok: true });
    assert.deepEqual(
      calls.map((group) => group.map((item) => item.name)),
      [["first", "third"]],
    );

    await settleWithin(committer.drain(), "drain");
    assert.equal(committer.pending, 0);
    assert.deepEqual(await settleWithin(outcomeOf(committer.submit(weighted("again", 3))), "again"), {
      ok: true,
    });
    assert.deepEqual(
      calls.map((group) => group.map((item) => item.name)),
      [["first", "third"], ["again"]],
    );
  });

  it("counts an item as 1 without weigh", async () => {
    const { committer } = recordingCommitter<string>({ maxPending: 2 });
    const outcomes = await settleWithin(
      Promise.all(["a", "b", "c"].map((item) => outcomeOf(committer.submit(item)))),
      "three items",
    );
    assert.deepEqual(
      outcomes.map((outcome) => outcome.ok),
      [true, true, false],
    );
  });
});

describe("group committer: callbacks", () => {
  it("answers a committed group with success even when onCommit throws, and goes on committing", async () => {
    let onCommitCalls = 0;
    const { calls, committer } = recordingCommitter<string>({
      onCommit: () => {
        onCommitCalls++;
        throw new Error("metrics broke");
      },
    });
    const outcomes = await settleWithin(
      Promise.all(["a", "b"].map((item) => outcomeOf(committer.submit(item)))),
      "group",
    );
    assert.deepEqual(outcomes, [{ ok: true }, { ok: true }]);
    assert.deepEqual(await settleWithin(outcomeOf(committer.submit("c")), "next group"), { ok: true });
    assert.deepEqual(calls, [["a", "b"], ["c"]]);
    assert.equal(onCommitCalls, 2);
  });

  it("settles every waiter and does not crash when onError throws", async (t) => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    t.after(() => process.off("unhandledRejection", onUnhandled));

    const gate = createGate();
    let onErrorCalls = 0;
    const { calls, committer } = recordingCommitter<string>({
      gate: gate.opened,
      fail: (call) => call === 1,
      onError: () => {
        onErrorCalls++;
        throw new Error("alerting broke");
      },
    });
    const failing = ["a", "b"].map((item) => outcomeOf(committer.submit(item)));
    await new Promise((resolve) => setImmediate(resolve));
    const next = outcomeOf(committer.submit("c"));
    gate.open();

    const outcomes = await settleWithin(Promise.all(failing), "failed group");
    for (const outcome of outcomes) {
      assert.ok(!outcome.ok && outcome.error instanceof StoreUnavailableError, JSON.stringify(outcome));
    }
    assert.deepEqual(await settleWithin(next, "next group"), { ok: true });
    await settleWithin(committer.drain(), "drain");
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(calls, [["a", "b"], ["c"]]);
    assert.equal(onErrorCalls, 1);
    assert.deepEqual(unhandled, [], "no promise was left rejected without a handler");
  });

  it("resolves the waiters before onCommit runs", async () => {
    const events: string[] = [];
    const committer = createGroupCommitter<string>({
      commit: async () => {},
      maxPending: 10,
      // onCommit runs synchronously, and a waiter's `then` runs as a microtask; a microtask queued here
      // therefore runs after the waiters' only if they were resolved before onCommit was called.
      onCommit: () => {
        events.push("onCommit called");
        queueMicrotask(() => events.push("after onCommit"));
      },
    });
    const waiters = ["a", "b"].map((item) =>
      committer.submit(item).then(() => events.push(`${item} resolved`)),
    );
    await settleWithin(Promise.all(waiters), "group");
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(events, ["onCommit called", "a resolved", "b resolved", "after onCommit"]);
  });
});

describe("group committer: drain", () => {
  it("resolves only once every submission is committed or refused", async () => {
    const gates = [createGate(), createGate()];
    let call = 0;
    const committer = createGroupCommitter<string>({
      maxPending: 10,
      commit: async () => {
        const gate = gates[call++];
        await gate?.opened;
        if (call === 2) throw new Error("disk full");
      },
    });
    const events: string[] = [];
    const track = (item: string) =>
      committer.submit(item).then(
        () => events.push(`${item} committed`),
        () => events.push(`${item} refused`),
      );
    const settled = [track("a"), track("b")];
    await new Promise((resolve) => setImmediate(resolve));
    settled.push(track("c"));
    const drained = committer.drain().then(() => events.push("drained"));
    const turns = async () => {
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    };

    await turns();
    assert.deepEqual(events, [], "drain waits for the first commit");
    gates[0]?.open();
    await turns();
    assert.deepEqual(events, ["a committed", "b committed"], "drain waits for the commit of c");
    gates[1]?.open();

    await settleWithin(drained, "drain");
    assert.deepEqual(events, ["a committed", "b committed", "c refused", "drained"]);
    await Promise.all(settled);
  });

  it("resolves at once when nothing was submitted", async () => {
    const { committer } = recordingCommitter<string>();
    await settleWithin(committer.drain(), "drain");
  });
});

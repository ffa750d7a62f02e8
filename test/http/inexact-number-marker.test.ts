import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InexactNumber } from "../../src/domain/inexact-number.js";
import { markInexactNumbers } from "../../src/http/inexact-number-marker.js";

/** The body as the JSON body parser hands it on. */
const read = (text: string) => markInexactNumbers(JSON.parse(text), text);

const inexact = (text: string) => new InexactNumber(text);

describe("markInexactNumbers", () => {
  it("replaces each number a double cannot hold, wherever it stands, and nothing else", () => {
    const text =
      '{"a":1.0000000000000001,"b":[1e-400,1.50,{"c":-123456789012345678901234567890}],"d":0.1,' +
      '"e":"12345678901234567890","f":1e400,"g":9007199254740993,"h":9007199254740992}';
    assert.deepEqual(read(text), {
      a: inexact("1.0000000000000001"),
      b: [inexact("1e-400"), 1.5, { c: inexact("-123456789012345678901234567890") }],
      d: 0.1,
      e: "12345678901234567890",
      f: inexact("1e400"),
      g: inexact("9007199254740993"),
      h: 9007199254740992,
    });
  });

  it("finds a number after white space and in an array of a batch", () => {
    assert.deepEqual(read('[ {"a":\n\t -1e-400 }, [ 1e-400 ] ]'), [
      { a: inexact("-1e-400") },
      [inexact("1e-400")],
    ]);
  });

  it("hands on JSON.parse's own value when no number can be inexact", () => {
    for (const text of ['{"a":1.5,"b":"1e-400","c":[123456789012345]}', '{"id":"1234567890123456789"}']) {
      const parsed = JSON.parse(text);
      assert.equal(markInexactNumbers(parsed, text), parsed);
      assert.deepEqual(parsed, JSON.parse(text));
    }
  });

  it("keeps the last value of a duplicate key, as JSON.parse does", () => {
    assert.deepEqual(read('{"a":1e-400,"a":1,"n":1234567890123456}'), { a: 1, n: 1234567890123456 });
    assert.deepEqual(read('{"a":1,"a":1e-400}'), { a: inexact("1e-400") });
    assert.deepEqual(read('{"a":{"x":1e-400},"a":{"x":1e-400,"y":2}}'), {
      a: { x: inexact("1e-400"), y: 2 },
    });
    // Values the second reading takes for equal, and keeps the first of, are still JSON.parse's last one.
    assert.deepEqual(read('{"a":{},"a":[],"b":{"y":1,"x":2},"b":{"x":2,"y":1},"n":1e-400}'), {
      a: [],
      b: { x: 2, y: 1 },
      n: inexact("1e-400"),
    });
    assert.deepEqual(
      Object.keys((read('{"b":{"y":1,"x":2},"b":{"x":2,"y":1},"n":1e-400}') as { b: object }).b),
      ["x", "y"],
    );
    assert.deepEqual(read('{"a":[1e-400],"a":{"0":1e-400}}'), { a: { 0: inexact("1e-400") } });
  });

  it("is not misled by an object that looks like a marked number", () => {
    assert.deepEqual(read('{"a":{"text":"1e-400"},"a":1e-400}'), { a: inexact("1e-400") });
    assert.deepEqual(read('{"a":{"description":"1e-400"},"a":[1e-400]}'), { a: [inexact("1e-400")] });
  });

  it("marks a number under a __proto__ key as plain data, and pollutes nothing", () => {
    const value = read('{"__proto__":{"x":1e-400}}') as Record<string, unknown>;
    assert.ok(Object.hasOwn(value, "__proto__"));
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(value, "__proto__")?.value, { x: inexact("1e-400") });
    assert.equal((Object.prototype as Record<string, unknown>).x, undefined);
  });
});

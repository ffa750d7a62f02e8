import { parse as parseKeepingNumberText } from "lossless-json";
import { holdsExactly, InexactNumber } from "../domain/inexact-number.js";

/**
 * A number token that a double may not hold exactly: 16 or more digits and dots (a double holds 15 significant
 * digits for certain), or an exponent of 3 or more digits (anything shorter stays far from the double's
 * range), after the `:`, `,` or `[` a value follows. Digits inside strings match too; they only cost the
 * careful reading below. A number standing alone as the body is left out: it is not an order either way.
 */
const MAYBE_INEXACT_NUMBER = /[:,[]\s*-?(?:[0-9][0-9.]{15}|[0-9][0-9.]*[eE][+-]?[0-9]{3})/;

/**
 * `parsed`, JSON.parse's value of `text`, with every number that a double cannot hold exactly replaced by an
 * `InexactNumber` carrying its text, which validation refuses. Only a body with a candidate number is read a
 * second time, by a parser that hands over each number's text; the value returned is still JSON.parse's, so
 * that duplicate keys (the last one wins), key order and everything else stay as they were.
 */
export function markInexactNumbers(parsed: unknown, text: string): unknown {
  if (!MAYBE_INEXACT_NUMBER.test(text)) return parsed;
  const sourced = parseKeepingNumberText(text, null, {
    parseNumber: numberOrSymbol,
    // JSON.parse keeps the last value of a duplicate key; this parser would throw.
    onDuplicateKey: ({ newValue }) => newValue,
  });
  return graftInexactNumbers(parsed, sourced);
}

/**
 * An exact number as itself, an inexact one as a symbol holding its text. A symbol equals only itself: the
 * parser keeps the first value of a duplicate key when it finds the two deeply equal (without asking
 * `onDuplicateKey`), and no value a client sends can look equal to a symbol, so a first value it keeps has
 * no inexact number, like the last one JSON.parse keeps.
 */
function numberOrSymbol(text: string): number | symbol {
  return holdsExactly(text) ? Number(text) : Symbol(text);
}

/**
 * Walks JSON.parse's value beside the second reading (same keys, same nesting) and puts an `InexactNumber`
 * wherever the second reading has a symbol. The body parser has bounded the nesting, so recursion is safe.
 */
function graftInexactNumbers(parsed: unknown, sourced: unknown): unknown {
  if (typeof sourced === "symbol") {
    return typeof parsed === "number" ? new InexactNumber(sourced.description ?? "") : parsed;
  }
  if (typeof parsed !== "object" || parsed === null || typeof sourced !== "object" || sourced === null) {
    return parsed;
  }
  const target = parsed as Record<string, unknown>;
  const source = sourced as Record<string, unknown>;
  for (const key of Object.keys(target)) {
    if (!Object.hasOwn(source, key)) continue;
    const grafted = graftInexactNumbers(target[key], source[key]);
    if (grafted !== target[key]) target[key] = grafted;
  }
  return parsed;
}

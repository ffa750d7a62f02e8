import { compareNumber } from "lossless-json";

/** Longest part of a number's text quoted in an error message; a body may hold a number of a million digits. */
const MAX_QUOTED_LENGTH = 40;

/**
 * A JSON number of a request body that a double cannot hold exactly, kept as the text the client sent. The
 * body parser puts it where the number stood, so that the order holding it is refused at its pointer
 * (`inexact_number`) instead of being stored with a different value.
 */
export class InexactNumber {
  /** The number exactly as it was written in the body. */
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  /** The digits as sent, as a string: a rejected order echoed in a batch answer shows what was received. */
  toJSON(): string {
    return this.text;
  }

  /** The field error's message, naming the number (shortened when long). */
  describe(): string {
    const quoted =
      this.text.length > MAX_QUOTED_LENGTH ? `${this.text.slice(0, MAX_QUOTED_LENGTH)}…` : this.text;
    return `${quoted} cannot be held exactly as a number; send it as a string`;
  }
}

/**
 * True when the JSON number `text` survives being read as a double: the shortest form that prints the double
 * has the same decimal value. `1.50`, `1e2`, `0.1` and `-0` do; `1.0000000000000001` (read as 1), `1e-400`
 * (0), `1e400` (infinity) and `9007199254740993` (…992) do not.
 */
export function holdsExactly(text: string): boolean {
  const value = Number(text);
  return Number.isFinite(value) && compareNumber(text, String(value)) === 0;
}

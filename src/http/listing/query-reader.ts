import { type FieldError, type FieldErrorCode, fieldErrorCatalogue } from "../../domain/field-errors.js";
import { ProblemError } from "../problem-catalogue.js";

/** A JSON Pointer to a query parameter, the query seen as an object of its parameters: `/limit`. */
const pointerTo = (name: string) => `/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;

/** Reads a request's query parameters one by one, gathering every wrong one before answering. */
export interface QueryReader {
  /** The parameter's value, or undefined when it was not sent; sent twice, it is reported under `code`. */
  text(name: string, code: FieldErrorCode): string | undefined;
  /** As `text`, for a parameter that must be sent: its absence is reported as `required`, saying `why`. */
  required(name: string, code: FieldErrorCode, why: string): string | undefined;
  /** Reports the parameter `name` as wrong. */
  refuse(name: string, code: FieldErrorCode, message?: string): void;
  /** Throws `400 invalid_query` listing every wrong parameter, when there is one. */
  finish(): void;
}

/**
 * A reader of `query` (Fastify's parsed query string: a string per parameter, an array for one sent more
 * than once) that takes only the parameters `known`: an unknown one is refused rather than ignored, since
 * a misspelt filter (`updated_since`) would otherwise list everything.
 */
export function createQueryReader(query: unknown, known: readonly string[]): QueryReader {
  const parameters = (query ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const refuse = (name: string, code: FieldErrorCode, message: string = fieldErrorCatalogue[code]) => {
    errors.push({ pointer: pointerTo(name), code, message });
  };
  for (const name of Object.keys(parameters)) {
    if (!known.includes(name)) {
      refuse(name, "unknown_parameter", `Unknown query parameter; this endpoint takes ${known.join(", ")}`);
    }
  }
  const text = (name: string, code: FieldErrorCode) => {
    if (!Object.hasOwn(parameters, name)) return undefined;
    const value = parameters[name];
    if (typeof value === "string") return value;
    refuse(name, code, "Send this parameter once");
    return undefined;
  };
  return {
    text,
    required(name, code, why) {
      if (Object.hasOwn(parameters, name)) return text(name, code);
      refuse(name, "required", why);
      return undefined;
    },
    refuse,
    finish() {
      if (errors.length === 0) return;
      const count =
        errors.length === 1 ? "1 invalid query parameter" : `${errors.length} invalid query parameters`;
      throw new ProblemError("invalid_query", { detail: `The request has ${count}`, errors });
    },
  };
}

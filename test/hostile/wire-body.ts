/** A place inside a JSON document: object keys and array indexes from the root. */
export type Path = readonly (string | number)[];

export type JsonObject = Record<string, unknown>;

/** The RFC 6901 pointer of `path`, as the service reports it (`~` → `~0`, `/` → `~1`). */
export function pointerOf(path: Path): string {
  return path.map((token) => `/${String(token).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** True when `a` is `b`, or a field inside it, or holds it: two edits of such paths would interfere. */
export function overlaps(a: Path, b: Path): boolean {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The container that holds the last token of `path`, or undefined when a step is missing. */
function parentOf(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let target = root;
  for (const token of path.slice(0, -1)) {
    if (typeof target !== "object" || target === null) return undefined;
    target = (target as Record<string | number, unknown>)[token];
  }
  return typeof target === "object" && target !== null
    ? (target as Record<string | number, unknown>)
    : undefined;
}

/** The value at `path`, or undefined. */
export function valueAt(root: unknown, path: Path): unknown {
  const parent = parentOf(root, path);
  const last = path.at(-1);
  return parent === undefined || last === undefined ? undefined : parent[last];
}

/**
 * Sets `value` at `path` as an own, enumerable property, so that keys such as `__proto__` are data and
 * reach the wire, as a hostile client would send them.
 */
export function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = parentOf(root, path);
  const last = path.at(-1);
  if (parent === undefined || last === undefined) throw new Error(`no container for ${pointerOf(path)}`);
  Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
}

/** The object at `path`, when the value there is one: where a mutation may add a field. */
export function objectAt(root: JsonObject, path: Path): JsonObject | undefined {
  const value = path.length === 0 ? root : valueAt(root, path);
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

export function removeAt(root: unknown, path: Path): void {
  const parent = parentOf(root, path);
  const last = path.at(-1);
  if (parent !== undefined && last !== undefined) delete parent[last];
}

/**
 * Builds a request body from JSON values in which some strings are placeholders for text JSON.stringify
 * cannot produce: numbers such as `-0`, `1e400` or long digit runs, nesting too deep to build as objects,
 * raw control characters, and bytes that are not UTF-8.
 */
export class WireBody {
  private readonly texts = new Map<string, string>();
  private readonly bytes = new Map<string, Buffer>();

  // Private-use characters: JSON.stringify leaves them as they are, and no generated value holds them.
  private placeholder(): string {
    return `\uE000${this.texts.size + this.bytes.size}\uE001`;
  }

  /** A string to put where `json` must appear verbatim in the body. */
  text(json: string): string {
    const key = this.placeholder();
    this.texts.set(key, json);
    return key;
  }

  /** A string to put where these raw bytes must appear in the body. */
  raw(bytes: Buffer): string {
    const key = this.placeholder();
    this.bytes.set(key, bytes);
    return key;
  }

  /** The body: `value` as JSON with every placeholder replaced. */
  encode(value: unknown): Buffer {
    let text = JSON.stringify(value) ?? "";
    // A function replacement, so that `$` in the inserted text is not read as a replacement pattern.
    for (const [key, json] of this.texts) text = text.replace(JSON.stringify(key), () => json);
    let parts: (string | Buffer)[] = [text];
    for (const [key, bytes] of this.bytes) {
      parts = parts.flatMap((part) => {
        if (typeof part !== "string") return [part];
        const [before = "", after = ""] = part.split(JSON.stringify(key));
        return part.includes(JSON.stringify(key)) ? [before, bytes, after] : [part];
      });
    }
    return Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part) : part)));
  }
}

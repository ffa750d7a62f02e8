import { usageError } from "../cli-error.js";

/** What `--delimiter` takes, and the delimiter each stands for. */
const DELIMITER_CHOICES = new Map([
  [",", ","],
  [";", ";"],
  ["\t", "\t"],
  ["tab", "\t"],
  ["\\t", "\t"],
]);
const DETECTED_DELIMITERS = [",", ";", "\t"];

/** How much of the file is looked at to find the header line; a longer header is detected from its start. */
const MAX_HEADER_SCAN_BYTES = 1024 * 1024;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The delimiter a `--delimiter` value names: `,` `;` or a tab (`tab`, `\t`, or the character itself). */
export function parseDelimiter(option: string): string {
  const delimiter = DELIMITER_CHOICES.get(option);
  if (delimiter !== undefined) return delimiter;
  throw usageError(`--delimiter must be "," ";" or "tab" (also written \\t), not ${JSON.stringify(option)}`);
}

/** The most frequent of `,` `;` and tab in the header line, outside quotes; comma when none occurs. */
export function detectDelimiter(headerLine: string): string {
  const counts = DETECTED_DELIMITERS.map(() => 0);
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === "\n" || char === "\r") break;
    const index = DETECTED_DELIMITERS.indexOf(char);
    if (index >= 0) counts[index] = (counts[index] ?? 0) + 1;
  }
  let best = 0;
  for (let index = 1; index < counts.length; index++) {
    if ((counts[index] ?? 0) > (counts[best] ?? 0)) best = index;
  }
  return DETECTED_DELIMITERS[best] ?? ",";
}

/** The delimiter of a file whose first chunks are `prefix`, a byte order mark being no part of the header. */
export const detectFileDelimiter = (prefix: Buffer[]) =>
  detectDelimiter(withoutBom(Buffer.concat(prefix)).toString("utf8"));

/** The first chunks of the file, up to the end of the header line (or the scan limit, or the end). */
export async function readHeaderPrefix(nextChunk: () => Promise<Buffer | undefined>): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < MAX_HEADER_SCAN_BYTES) {
    const chunk = await nextChunk();
    if (chunk === undefined) break;
    chunks.push(chunk);
    length += chunk.length;
    if (hasCompleteLine(Buffer.concat(chunks).toString("utf8"))) break;
  }
  return chunks;
}

/** True when `text` holds a line break outside quotes: the header line is complete. */
function hasCompleteLine(text: string): boolean {
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) return true;
  }
  return false;
}

const withoutBom = (bytes: Buffer) => (bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes);

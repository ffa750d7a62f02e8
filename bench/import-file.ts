/**
 * The import benchmark's input: a CSV file as a shop system exports it, one row per order item, the order's
 * own values repeated on each of its rows, orders in date order, a few orders per customer. Written to disk
 * a chunk at a time, so that a file of millions of rows never exists in memory.
 */
import { once } from "node:events";
import { createWriteStream, statSync } from "node:fs";
import {
  CUSTOMER_COLUMNS,
  ITEM_COLUMNS,
  METADATA_PREFIX,
  ORDER_COLUMNS,
} from "../src/cli/import/import-columns.js";
import { wireDate } from "./recent-order.js";

/** What was written. */
export interface ImportFile {
  path: string;
  rows: number;
  orders: number;
  customers: number;
  bytes: number;
}

/** Every column the import knows, in the order it lists them, and one metadata column. */
const COLUMNS = [...ORDER_COLUMNS, ...CUSTOMER_COLUMNS, ...ITEM_COLUMNS, `${METADATA_PREFIX}colour`];

interface Market {
  country: string;
  language: string;
  locale: string;
  currency: string;
  titles: string[];
  firstNames: string[];
  surnames: string[];
  postcode: (draw: () => number) => string;
}

const digits = (draw: () => number, count: number) =>
  Array.from({ length: count }, () => Math.floor(draw() * 10)).join("");
const letter = (draw: () => number) => String.fromCharCode(65 + Math.floor(draw() * 26));

const MARKETS: Market[] = [
  {
    country: "GB",
    language: "en",
    locale: "en-GB",
    currency: "GBP",
    titles: ["Mr", "Ms", "Mrs", "Dr", ""],
    firstNames: ["Jane", "Oliver", "Amelia", "Harry", "Isla", "Jack", "Sophie", "Noah"],
    surnames: ["Smith", "Jones", "O'Brien", "Taylor", "Brown", "Wilson", "Davies", "Evans"],
    postcode: (draw) =>
      `${letter(draw)}${letter(draw)}${digits(draw, 1)} ${digits(draw, 1)}${letter(draw)}${letter(draw)}`,
  },
  {
    country: "DE",
    language: "de",
    locale: "de-DE",
    currency: "EUR",
    titles: ["Herr", "Frau", "Dr.", ""],
    firstNames: ["Lukas", "Anna", "Jürgen", "Lea", "Felix", "Marie", "Jonas", "Sophie"],
    surnames: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker"],
    postcode: (draw) => digits(draw, 5),
  },
  {
    country: "FR",
    language: "fr",
    locale: "fr-FR",
    currency: "EUR",
    titles: ["M.", "Mme", ""],
    firstNames: ["Camille", "Louis", "Chloé", "Hugo", "Léa", "Gabriel", "Manon", "Jules"],
    surnames: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand"],
    postcode: (draw) => digits(draw, 5),
  },
  {
    country: "NL",
    language: "nl",
    locale: "nl-NL",
    currency: "EUR",
    titles: ["Dhr.", "Mevr.", ""],
    firstNames: ["Daan", "Emma", "Sem", "Julia", "Lucas", "Tess", "Milan", "Zoë"],
    surnames: ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit"],
    postcode: (draw) => `${digits(draw, 4)} ${letter(draw)}${letter(draw)}`,
  },
];

const PRODUCTS = ["TSHIRT", "HOODIE", "MUG", "CAP", "SOCKS", "POSTER", "TOTE", "SCARF"];
const SIZES = ["XS", "S", "M", "L", "XL"];
const COLOURS = ["navy", "black", "white", "forest green", "red", "grey, marl", ""];
const CATALOGUE_SIZE = 4000;
/** Customers a repeat order may come from: the most recent ones, so that the generator's memory is bounded. */
const RECENT_CUSTOMERS = 10_000;
const REPEAT_ORDER_SHARE = 0.55;
const DAYS_COVERED = 90;

/** A small seeded generator (mulberry32): the same file for the same number of rows on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(draw: () => number, values: readonly T[]): T =>
  values[Math.floor(draw() * values.length)] as T;

/** A field as CSV writes it: quoted when it holds the delimiter, a quote or a line break. */
const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** A customer's columns, in file order from `email` to `country`, and the market's language and currency. */
interface Customer {
  language: string;
  locale: string;
  currency: string;
  columns: string[];
}

function newCustomer(draw: () => number, id: number): Customer {
  const market = pick(draw, MARKETS);
  const first = pick(draw, market.firstNames);
  const surname = pick(draw, market.surnames);
  const local = `${first}.${surname}`
    .normalize("NFD")
    .replace(/[^A-Za-z.]/g, "")
    .toLowerCase();
  const email = `${local}.${id}@example.com`;
  const title = pick(draw, market.titles);
  const columns = [email, `CUST-${id}`, title, first, surname, market.postcode(draw), market.country];
  return { language: market.language, locale: market.locale, currency: market.currency, columns };
}

/** The item columns of a product of the catalogue: its sku, its price with a decimal comma, a colour. */
function item(draw: () => number): string[] {
  const product = Math.floor(draw() * CATALOGUE_SIZE);
  const sku = `${PRODUCTS[product % PRODUCTS.length]}-${String(product).padStart(4, "0")}-${SIZES[product % SIZES.length]}`;
  const cents = 499 + ((product * 7919) % 9500);
  const price = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
  return [sku, price, pick(draw, COLOURS)];
}

/** Writes `rows` rows (and the header) to `path`; resolves once the file is on disk. */
export async function writeImportFile(path: string, rows: number, today = new Date()): Promise<ImportFile> {
  const draw = seededRandom(20_261_204);
  const out = createWriteStream(path);
  const recent: Customer[] = [];
  let written = 0;
  let orders = 0;
  let customers = 0;
  let chunk = `${COLUMNS.join(",")}\n`;
  const dayMs = 86_400_000;
  while (written < rows) {
    let customer = recent.length > 0 && draw() < REPEAT_ORDER_SHARE ? pick(draw, recent) : undefined;
    if (!customer) {
      customer = newCustomer(draw, ++customers);
      recent[(customers - 1) % RECENT_CUSTOMERS] = customer;
    }
    // Dated in file order across the last 90 days; a fifth of the orders not yet fulfilled.
    const ordered = today.getTime() - Math.round((1 - written / rows) * DAYS_COVERED) * dayMs;
    const fulfilled = draw() < 0.2 ? "" : wireDate(new Date(ordered + Math.floor(draw() * 4) * dayMs));
    const order = [`ORD-${1_000_000 + ++orders}`, wireDate(new Date(ordered)), fulfilled];
    const orderColumns = [...order, customer.language, customer.locale, ...customer.columns];
    const items = 1 + Math.floor(draw() * 4);
    for (let n = 0; n < items && written < rows; n++, written++) {
      const [sku = "", price = "", colour = ""] = item(draw);
      chunk += `${[...orderColumns, sku, price, customer.currency, colour].map(csvField).join(",")}\n`;
    }
    if (chunk.length >= 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return { path, rows: written, orders, customers, bytes: statSync(path).size };
}

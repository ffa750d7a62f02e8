/**
 * The report's table of goals: each figure the benchmark aims at, what this run measured, and whether it
 * met the goal or by how much it fell short. Ratios are of one run, so machine drift cancels out.
 */
import { median } from "./load.js";
import type { BenchmarkFigures } from "./report.js";
import { processingSummary } from "./summaries.js";

interface Goal {
  figure: string;
  /** What was measured, as written in the report; undefined when the run did not measure it. */
  measured: number | undefined;
  /** Decimal places the figure is shown with. */
  digits: number;
  goal: string;
  /** How far the measured value is from the goal, in the figure's own unit; ≤ 0 when met. */
  shortBy: (value: number) => number;
  /** A condition the figure holds only with, and what to say when it does not hold. */
  provided?: { holds: boolean; otherwise: string };
}

const ratio = (value: number) => value.toFixed(2);
/** A figure with exactly `digits` decimals (a ratio of 1 is written 1.00), thousands separated. */
const show = (value: number, digits: number) =>
  value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** Processing "kept up" when it applied at least this share of what intake accepted (the backlog's readings are a few ms apart). */
const KEPT_UP = 0.99;

/** Each goal of the benchmark with what this run measured of it. */
function goalsOf(figures: BenchmarkFigures): Goal[] {
  const { singles, batches, processing, halfRate, settings } = figures;
  const rps = (name: string) => {
    const value = median((singles.get(name) ?? []).map((r) => r.requestsPerSecond));
    return value > 0 ? value : undefined;
  };
  const divide = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : a / b;
  const batchRate = (name: string) => {
    const results = batches.get(name);
    // Accepted batches only: a refused one (503 at the backlog's ceiling, say) carries no orders.
    return results ? median(results.map((r) => r.answeredPerSecond)) * (settings.batchSize ?? 0) : undefined;
  };
  const keptUp = (key: string) => {
    const runs = processing.get(key);
    if (!runs) return undefined;
    const { applied, accepted } = processingSummary(runs);
    return applied / Math.max(accepted, 1);
  };
  const sqliteKeptUp = keptUp("sqlite / single, unpaced");
  const latency = halfRate.get("sqlite");
  const mebibytes = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 2 ** 20);
  const goals: Goal[] = [
    {
      figure: `durable single submission, SQLite: sqlite / limit (processing kept up: applied / accepted ${
        sqliteKeptUp === undefined ? "not measured" : ratio(sqliteKeptUp)
      })`,
      measured: divide(rps("sqlite"), rps("limit")),
      digits: 2,
      goal: `≥ 0.90, applied / accepted ≥ ${KEPT_UP}`,
      shortBy: (value) => 0.9 - value,
      provided: {
        holds: sqliteKeptUp !== undefined && sqliteKeptUp >= KEPT_UP,
        otherwise: sqliteKeptUp === undefined ? "processing not measured" : "processing did not keep up",
      },
    },
    {
      figure: "the service's own HTTP path: no-store / bare",
      measured: divide(rps("no-store"), rps("bare")),
      digits: 2,
      goal: "≥ 0.70",
      shortBy: (value) => 0.7 - value,
    },
    {
      figure: `batches of ${settings.batchSize}, SQLite, durable (orders/s)`,
      measured: batchRate("sqlite"),
      digits: 0,
      goal: "≥ 80,000",
      shortBy: (value) => 80_000 - value,
    },
    {
      figure: `batches of ${settings.batchSize}, PostgreSQL (orders/s)`,
      measured: batchRate("postgres"),
      digits: 0,
      goal: "≥ 40,000",
      shortBy: (value) => 40_000 - value,
    },
    {
      figure: "PostgreSQL: applied / accepted, single submissions at saturation",
      measured: keptUp("postgres / single, unpaced"),
      digits: 2,
      goal: `≥ 1.00, the backlog not growing (met from ${KEPT_UP}: the backlog is read a few ms from the load's ends)`,
      shortBy: (value) => KEPT_UP - value,
    },
    {
      figure: "p99 at half the peak rate, SQLite, over bare's at that rate (ms)",
      measured: latency && latency.serviceP99Ms - latency.bareP99Ms,
      digits: 1,
      goal: "≤ +5",
      shortBy: (value) => value - 5,
    },
    ...(["sqlite", "postgres"] as const).map(
      (name): Goal => ({
        figure: `peak RSS of the ${name} service at saturation (single submissions; MiB)`,
        measured: mebibytes(figures.peakRss.afterSingles.get(name)),
        digits: 0,
        goal: "≤ 300",
        shortBy: (value) => value - 300,
      }),
    ),
  ];
  return goals;
}

/** The goals table: each goal, what this run measured, and whether it was met or by how much it fell short. */
export function goalsSection(figures: BenchmarkFigures): string[] {
  return [
    "## Goals",
    "",
    "| figure | measured | goal | met |",
    "|---|---|---|---|",
    ...goalsOf(figures).map(({ figure, measured, digits, goal, shortBy, provided }) => {
      if (measured === undefined) return `| ${figure} | not measured | ${goal} | – |`;
      const short = shortBy(measured);
      const verdicts = [
        ...(short > 0 ? [`by ${show(short, digits)}`] : []),
        ...(provided && !provided.holds ? [provided.otherwise] : []),
      ];
      const met = verdicts.length === 0 ? "yes" : `no: ${verdicts.join("; ")}`;
      return `| ${figure} | ${show(measured, digits)} | ${goal} | ${met} |`;
    }),
    "",
  ];
}

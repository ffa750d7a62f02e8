import type { InvitationMode, InvitationRuns, InvitationSchedulingFigures } from "./invitation-scheduling.js";
import { median } from "./load.js";
import type { ProcessingFigures } from "./processing.js";

const round = (value: number, digits = 0) => Number(value.toFixed(digits)).toLocaleString("en-GB");
const ratio = (on: number | undefined, off: number | undefined) =>
  on === undefined || off === undefined || off === 0 ? "–" : (on / off).toFixed(2);

/** Medians over one side's runs; the drain rate only when some run left a backlog to drain. */
function mediansOf({ loads, processing }: InvitationRuns) {
  const of = (pick: (f: ProcessingFigures) => number | undefined) =>
    median(processing.flatMap((figures) => pick(figures) ?? []));
  return {
    accepted: of((f) => f.acceptedPerSecond),
    applied: of((f) => f.appliedPerSecond),
    backlogAtEnd: of((f) => f.backlogAtEnd),
    drain: processing.some((f) => f.drainPerSecond !== undefined) ? of((f) => f.drainPerSecond) : undefined,
    p99Ms: median(loads.map((r) => r.p99Ms)),
    failures: loads.reduce((sum, r) => sum + r.failures, 0),
  };
}

/**
 * The cost of scheduling review invitations: per store, the default service (invitations on) against the
 * same with INVITATIONS_ENABLED=false, under the single-submission load of new, recent orders.
 */
export function invitationSection(
  figures: Map<string, InvitationSchedulingFigures>,
  settings: Record<string, number>,
): string[] {
  if (figures.size === 0) return [];
  const rows: string[] = [];
  const ratios: string[] = [];
  for (const [store, { runs }] of figures) {
    const sides = { on: mediansOf(runs.on), off: mediansOf(runs.off) };
    for (const mode of ["on", "off"] as InvitationMode[]) {
      const m = sides[mode];
      rows.push(
        `| ${store} | ${mode} | ${round(m.accepted)} | ${round(m.p99Ms, 1)} | ${round(m.applied)} | ${(
          m.applied / Math.max(m.accepted, 1)
        ).toFixed(
          2,
        )} | ${round(m.backlogAtEnd)} | ${m.drain === undefined ? "–" : round(m.drain)} | ${m.failures} |`,
      );
    }
    ratios.push(
      `| ${store} | ${ratio(sides.on.accepted, sides.off.accepted)} | ${ratio(sides.on.applied, sides.off.applied)} | ${ratio(
        sides.on.drain,
        sides.off.drain,
      )} |`,
    );
  }
  return [
    "## Invitation scheduling on the single-submission path",
    "",
    `Per store, two fresh service processes on databases of their own: as it runs by default (invitations on) and ` +
      `with INVITATIONS_ENABLED=false (off), measured in the same ${settings.rounds} rounds of ${settings.durationSeconds} s, ` +
      `alternating, ${settings.connections} connections, unpaced. Each request is a new order, dated today, of a ` +
      "customer of its own, so that each order is given a scheduled invitation and an invitation.scheduled event. " +
      "Accepted and applied orders per second while the load ran, the backlog when it ended, and how fast it drained; medians.",
    "",
    "| store | invitations | accepted orders/s | p99 ms | applied orders/s | applied / accepted | backlog at end | drain orders/s | failures |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "| store | accepted on / off | applied on / off | drain on / off |",
    "|---|---|---|---|",
    ...ratios,
    "",
    ...[...figures].map(([store, { check }]) => `- ${store}, listings after the runs: ${check}`),
    "",
  ];
}

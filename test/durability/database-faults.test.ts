import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { killCluster } from "../helpers/cluster.js";
import { withPostgres } from "../helpers/postgres.js";
import { killAllServers } from "../helpers/server-process.js";
import { canMountFilesystem } from "../helpers/small-filesystem.js";
import { describeFault, type FaultRunOptions, faultProblems, runFault } from "./database-faults.js";
import { type DatabaseFault, POSTGRES_FAULTS, SQLITE_FAULTS } from "./fault-scenarios.js";

/** The short form: `npm run crashtest` plays each fault longer, more often, under more load. */
const SHORT_RUN: FaultRunOptions = {
  faultMs: 1_500,
  clients: 4,
  storeTimeoutMs: 500,
  maxRequests: 20_000,
  // A second is the aim (the long form reports each figure); the bound here only catches a service that
  // stays down, such as one locking valid keys out for a minute after an outage.
  recoveryBoundMs: 5_000,
};

function defineFault(fault: DatabaseFault) {
  it(`${fault.name}: only 202 or 503 meanwhile, bounded waits, quick recovery, every 202 processed`, async (t) => {
    const report = await runFault(fault, SHORT_RUN);
    t.diagnostic(describeFault(report));
    assert.deepEqual(faultProblems(report, fault.readinessMustDrop), []);
  });
}

after(async () => {
  await killAllServers();
  await killCluster();
});

await withPostgres(() => {
  describe("the service while PostgreSQL has a fault", () => {
    for (const fault of POSTGRES_FAULTS) defineFault(fault);
  });
});

describe("the service while SQLite's disk is full", {
  skip: !canMountFilesystem() && "needs to mount a tmpfs",
}, () => {
  for (const fault of SQLITE_FAULTS) defineFault(fault);
});

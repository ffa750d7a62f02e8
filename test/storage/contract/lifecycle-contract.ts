import { describe, it } from "node:test";
import { type OpenFixture, useFreshFixture } from "./contract-fixture.js";

/** Migrations, the liveness ping and the probe write that readiness relies on. */
export function lifecycleContract(open: OpenFixture): void {
  describe("lifecycle: migrate, ping, probe writes", () => {
    const fixture = useFreshFixture(open);

    it("migrates idempotently, answers ping and takes probe writes again and again", async () => {
      const { store } = fixture();
      await store.migrate();
      await store.ping();
      await store.probeWrite();
      await store.probeWrite();
    });
  });
}

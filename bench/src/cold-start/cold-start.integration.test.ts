import { describe, expect, it } from "vitest";
import { type ColdStartRow, coldStart } from "./cold-start";

describe("cold start (smoke: one fresh process per handler)", () => {
  it("bundles every handler as SST would and serves a first invocation from a fresh process", async () => {
    const result = await coldStart({ quick: true, log: () => {} });
    const rows = (result.figures as { rows: ColdStartRow[] }).rows;
    const outcome = (name: string) => rows.find((r) => r.name === name)?.outcome;

    expect(outcome("empty")).toBe("HTTP 200");
    // Each handler, bundled into one ESM file, imports in a bare `node` and does its job against PostgreSQL
    // and fauxqs: the bundle carries everything it needs (no missing CJS require, no unbundled file).
    expect(outcome("api")).toBe("HTTP 202");
    expect(outcome("order-worker")).toBe("0 batch item failures");
    expect(outcome("reporting-http")).toBe("HTTP 200");
    expect(outcome("reporting-rollup")).toBe("ok");
    expect(outcome("migrator")).toBe("not invoked");
    for (const row of rows) {
      expect(row.bundle.bytes).toBeGreaterThan(0);
      expect(row.bundle.gzipBytes).toBeLessThan(row.bundle.bytes);
      expect(row.initMs).toBeGreaterThan(0);
    }
  });
});

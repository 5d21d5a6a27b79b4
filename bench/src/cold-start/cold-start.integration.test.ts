import { beforeAll, describe, expect, it } from "vitest";
import { type ColdStartRow, coldStart, MAX_BUNDLE_BYTES } from "./cold-start";

describe("cold start (smoke: one fresh process per handler)", () => {
  let rows: ColdStartRow[];
  beforeAll(async () => {
    const result = await coldStart({ quick: true, log: () => {} });
    rows = (result.figures as { rows: ColdStartRow[] }).rows;
  });

  it("bundles every handler as SST would and serves a first invocation from a fresh process", () => {
    const outcome = (name: string) => rows.find((r) => r.name === name)?.outcome;

    expect(outcome("empty")).toBe("HTTP 200");
    // The yardsticks for the api's SQS client each put one message on the emulator's queue.
    for (const candidate of ["sdk-client-only", "sqs-sdk-signer", "sqs-aws-lite", "sqs-aws4fetch"]) {
      expect(outcome(candidate)).toBe("HTTP 200");
    }
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

  it("keeps every function's code under 1 MB and opens nothing at import that could wait for first use", () => {
    // The 1 MB budget is for the whole function (entry and every chunk), not only what a cold start loads.
    const functions = rows.filter((r) => !r.reference);
    expect(functions.map((r) => r.name)).toContain("api");
    expect(functions.filter((r) => r.bundle.bytes > MAX_BUNDLE_BYTES).map((r) => r.name)).toEqual([]);
    // No socket, timer or file read left pending by the import alone (e.g. an AWS SDK client built at import
    // starts reading the shared config files).
    expect(functions.filter((r) => r.handlesAfterImport.length > 0).map((r) => r.name)).toEqual([]);
  });

  it("leaves the api's database code (Drizzle, postgres.js) out of what its cold start loads", () => {
    // POST /orders never reads the database; the readers are a chunk loaded on the first GET.
    // Every package the cold start loads, not only the largest few, so a small one cannot slip through.
    const loaded = rows.find((r) => r.name === "api")?.bundle.coldStartPackages;
    expect(loaded).toContain("hono");
    // It sends its message with aws4fetch: no AWS SDK package (client, core, signer) at a cold start.
    expect(loaded).toContain("aws4fetch");
    expect(loaded?.filter((name) => name.startsWith("@aws-sdk/") || name.startsWith("@smithy/"))).toEqual([]);
    expect(loaded).not.toContain("drizzle-orm");
    expect(loaded).not.toContain("postgres");
    // Both are in the api's code all the same, in the chunk its first read loads.
    const all = rows.find((r) => r.name === "api")?.bundle.packages;
    expect(all).toContain("drizzle-orm");
    expect(all).toContain("postgres");
  });

  it("carries Drizzle only in the functions that use it", () => {
    const packagesOf = (name: string) => rows.find((r) => r.name === name)?.bundle.packages;
    // The worker calls a PL/pgSQL function and reporting runs its own SQL: postgres.js, no Drizzle.
    for (const name of ["order-worker", "reporting-http", "reporting-rollup"]) {
      expect(packagesOf(name), name).toContain("postgres");
      expect(packagesOf(name), name).not.toContain("drizzle-orm");
    }
    // The api builds its reads with Drizzle; the migrator applies Drizzle's migrations.
    expect(packagesOf("api")).toContain("drizzle-orm");
    expect(packagesOf("migrator")).toContain("drizzle-orm");
  });
});

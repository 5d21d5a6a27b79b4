import { classifyDbError, createDb, type DbClient } from "@orders/db-client";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import { deadlines } from "@orders/settings";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRollup } from "./run-rollup";

let database: TestDatabase;
let admin: postgres.Sql;
let reporting: DbClient;

beforeAll(async () => {
  database = await createTestDatabase("rollup-timeouts");
  admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  reporting = createDb({ kind: "url", url: database.serviceUrl("reporting") });
});

afterAll(async () => {
  await reporting?.close();
  await admin?.end();
  await database?.drop();
});

describe("a rollup stuck behind another run", () => {
  it("gives up after the role's lock timeout with a retryable error, long before the next schedule", async () => {
    const today = new Date().toISOString().slice(0, 10) as Parameters<typeof runRollup>[1][number];
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Another run holds the rollup_state row lock, as a stuck run would, until the test lets go.
    let locked: () => void = () => {};
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = admin.begin(async (tx) => {
      await tx`update rollup_state set last_run_at = now() where id = 1`;
      locked();
      await released;
    });
    await lockTaken;
    try {
      const started = performance.now();
      const error = await runRollup(reporting.sql, [today]).then(
        () => undefined,
        (e: unknown) => e,
      );
      const ms = performance.now() - started;
      expect(classifyDbError(error)).toEqual({ kind: "conflict", retryable: true, code: "55P03" });
      expect(ms).toBeGreaterThanOrEqual(deadlines.rollupLockTimeoutMs - 100);
      expect(ms).toBeLessThan(deadlines.rollupLockTimeoutMs + 2_000);
    } finally {
      release();
      await holder;
    }
    // Once the other run is done, the next one goes through.
    expect((await runRollup(reporting.sql, [today])).days).toEqual([today]);
  }, 30_000);
});

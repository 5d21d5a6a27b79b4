import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { pgBouncerInstallCommand } from "@orders/preflight";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readyBanner } from "./banner";
import type { LocalStack } from "./local-stack";
import { repoPath, repoRoot } from "./repo-paths";
import { startTestStack, type TestStack } from "./testing/test-stack";

const run = promisify(execFile);

let stack: LocalStack;
let output: string[] = [];
let testStack: TestStack | undefined;

// A machine without PgBouncer: the lookup is pointed at a path where nothing is (PGBOUNCER_BIN is the only
// place it looks when set), as on a machine where the package was never installed.
beforeAll(async () => {
  vi.stubEnv("PGBOUNCER_BIN", repoPath("no-pgbouncer-here/pgbouncer"));
  testStack = await startTestStack("stack_no_pgbouncer");
  ({ stack, output } = testStack);
});

afterAll(async () => {
  await testStack?.stop();
  vi.unstubAllEnvs();
});

describe("the local stack on a machine without PgBouncer", () => {
  it("keeps the pinning check in front of PostgreSQL and says what is missing, what changes, and the fix", () => {
    expect(stack.databaseChain).toMatch(
      /^services → pinning check 127\.0\.0\.1:\d+ → PostgreSQL 127\.0\.0\.1:\d+ \(no transaction pooler\)$/,
    );
    const banner = readyBanner(stack);
    expect(banner).toContain("PgBouncer is not installed, so the chain has no transaction pooler");
    expect(banner).toContain("each service connection is a PostgreSQL");
    expect(banner).toContain("RDS Proxy's pool size and borrow queue are not emulated");
    expect(banner).toContain(`Add it, then restart: ${pgBouncerInstallCommand}`);
    expect(pgBouncerInstallCommand).toBe(
      "apt-get update && apt-get install -y --no-install-recommends pgbouncer",
    );
    expect(output.some((line) => line.includes("WARNING: PgBouncer is not installed"))).toBe(true);
  });

  it("brings up the api, reporting and the identity provider", async () => {
    expect(stack.started).toEqual(["api", "worker", "reporting"]);
    expect((await fetch(`${stack.apiUrl}/health`)).status).toBe(200);
    expect((await fetch(`${stack.reportingUrl}/`)).status).toBe(200);
    const discovery = await fetch(`${stack.identity.issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(stack.identity.issuer);
  });

  it("processes an order placed with a token from the token command, through the pinning check", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", repoPath("tools/local-stack/src/token.ts"), "--sub", "c-1"],
      { cwd: repoRoot, env: { ...process.env, IDENTITY_PORT: new URL(stack.identity.issuer).port } },
    );
    const token = stdout.trim();
    const authorization = `Bearer ${token}`;
    const placed = await fetch(`${stack.apiUrl}/orders`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json", "idempotency-key": "no-pgbouncer-1" },
      body: JSON.stringify({ items: [{ sku: "KB-001", quantity: 1 }] }),
    });
    expect(placed.status).toBe(202);
    const { orderId } = (await placed.json()) as { orderId: string };

    const order = await vi.waitFor(
      async () => {
        const read = await fetch(`${stack.apiUrl}/orders/${orderId}`, { headers: { authorization } });
        expect(read.status).toBe(200);
        return (await read.json()) as { status?: string; customerId?: string };
      },
      { timeout: 60_000, interval: 100 },
    );
    expect(order).toMatchObject({ status: "accepted", customerId: "c-1" });

    // The pinning check judged the api's and the worker's sessions on the way, and none would pin.
    expect(stack.pinnedSessions()).toEqual([]);
  });
});

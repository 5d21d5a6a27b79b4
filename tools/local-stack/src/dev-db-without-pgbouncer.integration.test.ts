import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "@orders/local-postgres";
import { pgBouncerInstallCommand } from "@orders/preflight";
import postgres from "postgres";
import { afterAll, describe, expect, it, vi } from "vitest";
import { devDbBanner } from "./dev-db-banner";
import { type DevDatabase, startDevDatabase } from "./dev-db-server";
import { repoPath } from "./repo-paths";

const dataDir = join(tmpdir(), `orders-dev-db-no-pgbouncer-${randomBytes(4).toString("hex")}`);
let db: DevDatabase | undefined;

afterAll(async () => {
  await db?.stop();
  vi.unstubAllEnvs();
  await rm(dataDir, { recursive: true, force: true });
});

describe("npm run dev:db on a machine without PgBouncer", () => {
  it("starts with the pinning check straight in front of PostgreSQL, and its banner says how to add PgBouncer", async () => {
    // PGBOUNCER_BIN is the only place the lookup goes when set: a path with nothing there is a machine without it.
    vi.stubEnv("PGBOUNCER_BIN", repoPath("no-pgbouncer-here/pgbouncer"));
    const chainPort = await findFreePort();
    db = await startDevDatabase({ postgresPort: await findFreePort(), chainPort, dataDir, reset: false });

    expect(db.chain.withoutPooler).toBe("PgBouncer is not installed");
    expect(db.chain.description).toMatch(
      new RegExp(
        `^services → pinning check 127\\.0\\.0\\.1:${chainPort} → PostgreSQL .*no transaction pooler`,
      ),
    );
    const banner = devDbBanner(db);
    expect(banner).toContain("PgBouncer is not installed, so the chain has no transaction pooler");
    expect(banner).toContain(`Add it, then restart: ${pgBouncerInstallCommand}`);

    const api = postgres(db.chain.serviceUrls.api, { max: 1, prepare: false, onnotice: () => {} });
    try {
      const [row] = await api<{ who: string; n: number }[]>`select current_user as who, ${1}::int + 1 as n`;
      expect(row).toEqual({ who: "orders_api", n: 2 });
    } finally {
      await api.end();
    }
  });
});
